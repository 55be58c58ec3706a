package dev.custodian.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.custodian.Custodian;
import dev.custodian.audit.AuditRequestDraft;
import dev.custodian.audit.CompetitorDeclaration;
import dev.custodian.terms.AuthorityKind;
import dev.custodian.authority.AuthorityRequestIntake;
import dev.custodian.authority.Compulsion;
import dev.custodian.authority.Prohibition;
import dev.custodian.client.AccessPolicy;
import dev.custodian.client.Actor;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.Operation;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.dsr.Quote;
import dev.custodian.terms.RequestChannel;
import dev.custodian.dsr.SubjectRequestIntake;
import dev.custodian.terms.SubjectRight;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.terms.Target;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.StoredState;
import dev.custodian.memory.InMemoryArchiveSink;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.memory.RecordingNotifier;
import dev.custodian.memory.RecordingResponder;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.spi.Subprocessor;
import dev.custodian.spi.SubprocessorNotice;
import dev.custodian.spi.SubprocessorNoticeSender;
import dev.custodian.spi.TransferMechanism;
import dev.custodian.testing.ForwardingStateStore;
import dev.custodian.testing.MutableClock;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The access matrix (docs/access.md, R-ACC-1, R-ACC-2), tried cell by cell: for every operation
 * and every kind of principal, a fresh installation is prepared, the operation is called as that
 * principal, and the outcome is checked against {@link AccessPolicy#allowed} (the same table that
 * renders docs/access.md). An allowed call succeeds; a refused one throws {@link
 * SecurityException} (or cannot even be made: the method's parameter type excludes that kind of
 * principal) and changes nothing: no state written, no host row changed, no notice or answer
 * sent, at most one refusal entry in the evidence. A job row takes no principal: its system cell
 * runs the job, its other cells check that the job's methods take no principal at all.
 */
class AccessMatrixTest {
  static final ClientId ACME = ClientId.of("acme");
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final SubjectIdentifier JANE = PhoneNumber.of("+33 1 99 00 12 34");
  static final ClientPrincipal ADMIN = ClientPrincipal.of("acme-admin", ACME, ClientRole.ADMINISTRATOR);
  static final ProcessorPrincipal OPERATOR = ProcessorPrincipal.of("op-1", ProcessorRole.OPERATOR);
  static final ProcessorPrincipal OFFICER =
      ProcessorPrincipal.of("officer-1", ProcessorRole.DESIGNATED_OFFICER);

  /** One principal of each kind, all of client ACME on the client's side. */
  static Principal principal(Actor a) {
    return switch (a) {
      case USER -> ClientPrincipal.of("acme-user", ACME, ClientRole.USER);
      case SUPERVISOR -> ClientPrincipal.of("acme-sup", ACME, ClientRole.SUPERVISOR);
      case ADMINISTRATOR -> ADMIN;
      case SUPER_ADMINISTRATOR -> ClientPrincipal.of("acme-super", ACME, ClientRole.SUPER_ADMINISTRATOR);
      case DESIGNATED_CONTACT -> ClientPrincipal.designatedContact("acme-contact", ACME);
      case OPERATOR -> OPERATOR;
      case PRIVACY_CONTACT -> ProcessorPrincipal.of("dpo-1", ProcessorRole.PRIVACY_CONTACT);
      case DESIGNATED_OFFICER -> OFFICER;
      case SECURITY_TEAM -> ProcessorPrincipal.of("sec-1", ProcessorRole.SECURITY_TEAM);
      case SYSTEM -> Principal.system();
    };
  }

  /** Thrown when the principal cannot even be passed: the parameter type refuses its kind. */
  static final class RefusedByType extends RuntimeException {
    RefusedByType() {
      super("refused by the method's parameter type", null, false, false);
    }
  }

  static ProcessorPrincipal staff(Principal p) {
    if (p instanceof ProcessorPrincipal s) {
      return s;
    }
    throw new RefusedByType();
  }

  static ClientPrincipal client(Principal p) {
    if (p instanceof ClientPrincipal c) {
      return c;
    }
    throw new RefusedByType();
  }

  @FunctionalInterface
  interface Call {
    void run(Principal p) throws Exception;
  }

  /** One installation: in-memory stores that count writes, a notifier and responder that record. */
  static final class Fx {
    final MutableClock clock = new MutableClock(START);
    final InMemoryStateStore state = new InMemoryStateStore();
    final AtomicLong writes = new AtomicLong();
    final InMemoryHostData host = new InMemoryHostData();
    final InMemoryEvidenceStore evidence = new InMemoryEvidenceStore();
    final RecordingNotifier notifier = new RecordingNotifier();
    final RecordingResponder responder = new RecordingResponder();
    final List<SubprocessorNotice> subNotices = new ArrayList<>();
    final Custodian c;

    Fx() {
      StateStore counting = new ForwardingStateStore() {
        @Override
        public StateStore delegate() {
          return state;
        }

        @Override
        public StoredState insert(String kind, String id, ClientId client, Instant dueAt, String body) {
          writes.incrementAndGet();
          return state.insert(kind, id, client, dueAt, body);
        }

        @Override
        public StoredState update(String kind, String id, long expectedVersion, Instant dueAt,
            String body) {
          writes.incrementAndGet();
          return state.update(kind, id, expectedVersion, dueAt, body);
        }
      };
      c = Custodian.builder().clock(clock).stateStore(counting).evidenceStore(evidence)
          .hostData(host).requestNotifier(notifier).escalationChannel(notifier)
          .responder(responder).archiveSink(new InMemoryArchiveSink())
          .subprocessorNoticeSender(new SubprocessorNoticeSender() {
            @Override
            public Collection<ClientId> clientsUnderContract() {
              return List.of(ACME);
            }

            @Override
            public void send(SubprocessorNotice notice) {
              subNotices.add(notice);
            }
          })
          .pseudonymizationKey("a test key that is long enough for hmac".getBytes(StandardCharsets.UTF_8))
          .build();
      int n = 0;
      for (CategoryId cat : List.of(CategoryId.CALL_LOG, CategoryId.CALL_RECORDING,
          CategoryId.SMS_CONTENT, CategoryId.CONTACT_MANUAL, CategoryId.CONTACT_CRM_SYNC)) {
        host.put(new HostRecord(cat, ACME, "r" + (++n), START.minus(Duration.ofDays(30)),
            Set.of(JANE), Map.of("party", "p")));
      }
    }

    String snapshot() {
      return writes.get() + "|" + host.size() + "|" + restricted() + "|" + notifier.notices().size()
          + "|" + notifier.escalations().size() + "|" + responder.subjectResponses().size() + "|"
          + responder.authorityResponses().size() + "|" + subNotices.size();
    }

    private long restricted() {
      return Stream.of("r1", "r2", "r3", "r4", "r5").filter(id -> CategoryId.ANNEX_A.stream()
          .anyMatch(cat -> host.isRestricted(cat, id))).count();
    }

    long evidenceCount() {
      return evidence.readAll(1, 100_000).size();
    }

    // ---- preparations, made by principals that may ----
    String caseId() {
      String requestId = c.subjectRequests().receive(OPERATOR, SubjectRequestIntake.of(
          SubjectRight.ACCESS, RequestChannel.EMAIL, clock.instant(), JANE)).id();
      clock.advance(Duration.ofMinutes(1));
      return c.subjectRequests().request(OPERATOR, requestId).orElseThrow().cases().get(0).caseId();
    }

    String instruction(String caseId) {
      String id = c.subjectRequests().instruct(ADMIN, caseId, InstructionDraft.of("ticket-1", ADMIN,
          clock.instant(), InstructedAction.RESPOND_TO_SUBJECT, CategoryId.CALL_LOG)).id();
      clock.advance(Duration.ofMinutes(1));
      return id;
    }

    AuthorityRequestIntake authorityIntake() {
      return new AuthorityRequestIntake(AuthorityKind.LAW_ENFORCEMENT, "Police nationale", "PV-1",
          ACME, Set.of(JANE), Set.of(CategoryId.CALL_LOG), clock.instant());
    }

    String authority() {
      String id = c.authorityRequests().receive(OPERATOR, authorityIntake()).id();
      clock.advance(Duration.ofMinutes(1));
      return id;
    }

    String prohibited() {
      String id = c.authorityRequests().receiveUnderProhibition(OFFICER, authorityIntake(),
          new Prohibition("CPP art. 11", LocalDate.of(2026, 6, 1))).id();
      clock.advance(Duration.ofMinutes(1));
      return id;
    }

    String assistance() {
      return c.assistance().request(ADMIN, caseId(), "help with an export").id();
    }

    void opened() {
      c.terminations().open(OPERATOR, ACME, clock.instant().plus(Duration.ofDays(1)), Set.of());
    }

    void delivered() {
      c.terminations().open(OPERATOR, ACME, clock.instant(), Set.of());
      c.terminations().chooseReturn(ADMIN, ACME, false);
      for (int i = 0; i < 20; i++) {
        clock.advance(Duration.ofHours(1));
        c.terminations().runDue();
      }
    }

    String change() {
      String id = c.subprocessors().announceAddition(OPERATOR, new Subprocessor("newco", "NewCo",
          "storage", "FR", TransferMechanism.NONE_INSIDE_EEA, null, "dpa-newco-2026"),
          c.subprocessors().earliestEffectiveDate()).id();
      c.subprocessors().deliverPending();
      return id;
    }

    String audit() {
      return c.audits().submit(ADMIN, AuditRequestDraft.of(ACME,
          LocalDateTime.of(2026, 6, 2, 10, 0), LocalDateTime.of(2026, 6, 2, 16, 0))).id();
    }
  }

  /** What each row calls, prepared on a fresh installation; one list entry per call tried. */
  static final Map<Operation, List<Function<Fx, Call>>> CALLS = new EnumMap<>(Operation.class);

  static void calls(Operation op, Function<Fx, Call>... calls) {
    CALLS.put(op, List.of(calls));
  }

  static InstructionDraft draftFor(Principal p, InstructedAction action, Instant at) {
    ClientPrincipal author = p instanceof ClientPrincipal c ? c : ADMIN;
    return InstructionDraft.of("ticket-9", author, at, action, CategoryId.CALL_LOG);
  }

  static {
    calls(Operation.DSR_RECEIVE, fx -> p -> fx.c.subjectRequests().receive(staff(p),
        SubjectRequestIntake.of(SubjectRight.ACCESS, RequestChannel.EMAIL, fx.clock.instant(), JANE)));
    calls(Operation.DSR_READ_REQUEST, fx -> {
      String id = fx.c.subjectRequests().receive(OPERATOR, SubjectRequestIntake.of(
          SubjectRight.ACCESS, RequestChannel.EMAIL, fx.clock.instant(), JANE)).id();
      return p -> fx.c.subjectRequests().request(staff(p), id);
    }, fx -> p -> fx.c.subjectRequests().overdueNotifications(staff(p)));
    calls(Operation.DSR_READ_CASE, fx -> p -> fx.c.subjectRequests().cases(p, ACME),
        fx -> {
          String id = fx.caseId();
          return p -> assertThat(fx.c.subjectRequests().findCase(p, id)).isPresent();
        },
        fx -> {
          String id = fx.caseId();
          return p -> fx.c.subjectRequests().locate(p, id);
        },
        fx -> {
          String id = fx.caseId();
          String ins = fx.instruction(id);
          return p -> assertThat(fx.c.subjectRequests().check(p, id, ins,
              InstructedAction.RESPOND_TO_SUBJECT, Set.of(CategoryId.CALL_LOG)).verified()).isTrue();
        });
    calls(Operation.DSR_INSTRUCT, fx -> {
      String id = fx.caseId();
      return p -> fx.c.subjectRequests().instruct(p, id,
          draftFor(p, InstructedAction.RESPOND_TO_SUBJECT, fx.clock.instant()));
    });
    calls(Operation.DSR_HANDLE, fx -> {
      String id = fx.caseId();
      return p -> fx.c.subjectRequests().extend(p, id, 1, "complex request");
    }, fx -> {
      String id = fx.caseId();
      return p -> fx.c.subjectRequests().close(p, id, "the subject withdrew the request");
    });
    calls(Operation.INSTRUCTION_READ, fx -> p -> fx.c.instructions().list(p, ACME, null),
        fx -> {
          String id = fx.caseId();
          String ins = fx.instruction(id);
          return p -> assertThat(fx.c.instructions().verify(p, ins, Target.Kind.SUBJECT_CASE, id,
              InstructedAction.RESPOND_TO_SUBJECT, Set.of(CategoryId.CALL_LOG)).verified()).isTrue();
        });
    calls(Operation.INSTRUCTION_FLAG, fx -> {
      String ins = fx.instruction(fx.caseId());
      return p -> fx.c.instructions().flagUnlawful(staff(p), ins, "no legal basis");
    });
    calls(Operation.AUTHORITY_RECEIVE,
        fx -> p -> fx.c.authorityRequests().receive(staff(p), fx.authorityIntake()));
    calls(Operation.AUTHORITY_PROHIBITION,
        fx -> p -> fx.c.authorityRequests().receiveUnderProhibition(staff(p), fx.authorityIntake(),
            new Prohibition("CPP art. 11", LocalDate.of(2026, 6, 1))),
        fx -> {
          String id = fx.prohibited();
          return p -> fx.c.authorityRequests().approveCompulsion(staff(p), id,
              new Compulsion("CPP art. 60-1", "requisition 2026-17"));
        },
        fx -> {
          String id = fx.prohibited();
          fx.c.authorityRequests().approveCompulsion(OFFICER, id,
              new Compulsion("CPP art. 60-1", "requisition 2026-17"));
          return p -> fx.c.instructions().compulsion(staff(p), id);
        });
    calls(Operation.AUTHORITY_REVIEWS, fx -> p -> fx.c.authorityRequests().reviewsDue(staff(p)));
    calls(Operation.AUTHORITY_READ, fx -> p -> fx.c.authorityRequests().list(p, ACME), fx -> {
      String id = fx.authority();
      return p -> assertThat(fx.c.authorityRequests().find(p, id)).isPresent();
    });
    calls(Operation.AUTHORITY_INSTRUCT, fx -> {
      String id = fx.authority();
      return p -> fx.c.authorityRequests().instruct(p, id,
          draftFor(p, InstructedAction.RESPOND_TO_AUTHORITY, fx.clock.instant()));
    });
    calls(Operation.AUTHORITY_HANDLE, fx -> {
      String id = fx.authority();
      return p -> fx.c.authorityRequests().close(p, id, "answered by post");
    });
    calls(Operation.ASSISTANCE_REQUEST, fx -> {
      String id = fx.caseId();
      return p -> fx.c.assistance().request(client(p), id, "help with an export");
    });
    calls(Operation.ASSISTANCE_WORK, fx -> {
      String id = fx.assistance();
      return p -> fx.c.assistance().quote(staff(p), id, new Quote(new BigDecimal("120.00"),
          Currency.getInstance("EUR"), "two hours", LocalDate.of(2026, 4, 1)));
    });
    calls(Operation.ASSISTANCE_READ, fx -> p -> fx.c.assistance().list(p, ACME));
    calls(Operation.RETENTION_SETTINGS_READ, fx -> p -> fx.c.retention().settings(p, ACME));
    calls(Operation.RETENTION_SETTINGS_CHANGE,
        fx -> p -> fx.c.retention().setDuration(p, ACME, CategoryId.CALL_RECORDING, Period.ofDays(90)),
        fx -> p -> fx.c.retention().setZone(p, ACME, ZoneId.of("Europe/Brussels")));
    calls(Operation.RETENTION_CONTRACT_END, fx -> p -> fx.c.retention().events()
        .contractEnded(p, ACME, fx.clock.instant(), "termination letter"), fx -> {
          String id = fx.c.retention().events().contractEnded(OPERATOR, ACME, fx.clock.instant(),
              "termination letter").id();
          return p -> fx.c.retention().events().withdraw(p, id, "recorded by mistake");
        });
    calls(Operation.RETENTION_CRM_SYNC_OFF, fx -> p -> fx.c.retention().events()
        .crmSyncTurnedOff(p, ACME, fx.clock.instant(), "dashboard"));
    calls(Operation.RETENTION_CONTACTS_DELETED, fx -> p -> fx.c.retention().events()
        .contactsDeleted(p, ACME, CategoryId.CONTACT_MANUAL, Set.of(JANE), fx.clock.instant(),
            "deleted in the app"));
    calls(Operation.RETENTION_DELETION_REQUEST, fx -> p -> fx.c.retention().requestDeletion(p,
        ACME, Set.of(CategoryId.CALL_RECORDING), Set.of(), "ticket-5"));
    calls(Operation.RETENTION_EVENTS_READ, fx -> p -> fx.c.retention().events().all(p, ACME),
        fx -> p -> fx.c.retention().events().contractEnd(p, ACME));
    calls(Operation.RETENTION_PLAN_READ, fx -> p -> fx.c.retention().context(p, ACME),
        fx -> p -> fx.c.retention().plan(p, ACME, CategoryId.CALL_LOG));
    calls(Operation.HOLD_MANAGE, fx -> p -> fx.c.holds().place(staff(p), ACME, Set.of(JANE),
        Set.of(), null, null, "CPP art. 60-1"));
    calls(Operation.HOLD_READ, fx -> p -> fx.c.holds().all(p, ACME),
        fx -> p -> fx.c.holds().active(p, ACME));
    calls(Operation.TERMINATION_MANAGE, fx -> p -> fx.c.terminations().open(staff(p), ACME,
        fx.clock.instant().plus(Duration.ofDays(30)), Set.of()));
    calls(Operation.TERMINATION_CHOOSE, fx -> {
      fx.opened();
      return p -> fx.c.terminations().chooseReturn(client(p), ACME, false);
    });
    calls(Operation.TERMINATION_DOWNLOAD_TOKEN, fx -> {
      fx.delivered();
      return p -> fx.c.terminations().issueDownloadToken(p, ACME);
    });
    calls(Operation.TERMINATION_READ, fx -> {
      fx.opened();
      return p -> assertThat(fx.c.terminations().find(p, ACME)).isPresent();
    }, fx -> p -> fx.c.terminations().certificate(p, ACME),
        fx -> p -> fx.c.terminations().overdueSubProcessors(p, ACME));
    calls(Operation.TERMINATION_READ_ALL, fx -> p -> fx.c.terminations().all(p));
    calls(Operation.LEGAL_ARCHIVE_OPEN, fx -> {
      fx.c.holds().place(OPERATOR, ACME, Set.of(JANE), Set.of(CategoryId.CALL_LOG), null, null,
          "CPP art. 60-1");
      return p -> fx.c.processingGate().openLegalArchive(staff(p), ACME, CategoryId.CALL_LOG,
          "requisition 2026-17");
    });
    calls(Operation.SUBPROCESSOR_READ, fx -> p -> fx.c.subprocessors().inForce(p),
        fx -> p -> fx.c.subprocessors().changes(p));
    calls(Operation.SUBPROCESSOR_ANNOUNCE, fx -> p -> fx.c.subprocessors().announceAddition(
        staff(p), new Subprocessor("newco", "NewCo", "storage", "FR",
            TransferMechanism.NONE_INSIDE_EEA, null, "dpa-newco-2026"),
        fx.c.subprocessors().earliestEffectiveDate()));
    calls(Operation.SUBPROCESSOR_NOTICES, fx -> p -> fx.c.subprocessors().notices(p, ACME));
    calls(Operation.SUBPROCESSOR_OBJECTIONS, fx -> p -> fx.c.subprocessors().objections(p, ACME));
    calls(Operation.SUBPROCESSOR_OBJECT, fx -> {
      String id = fx.change();
      return p -> fx.c.subprocessors().object(client(p), id, "servers outside our approved list");
    });
    calls(Operation.SUBPROCESSOR_OPEN_OBJECTIONS,
        fx -> p -> fx.c.subprocessors().openObjections(staff(p)));
    calls(Operation.BREACH_MANAGE, fx -> p -> fx.c.breaches().recordAwareness(staff(p), ACME,
        fx.clock.instant(), "unexpected access to a call log export"));
    calls(Operation.BREACH_READ, fx -> p -> fx.c.breaches().incidents(p, ACME));
    calls(Operation.AUDIT_REQUEST, fx -> p -> fx.c.audits().submit(p, p instanceof ClientPrincipal
        ? AuditRequestDraft.of(ACME, LocalDateTime.of(2026, 6, 2, 10, 0),
            LocalDateTime.of(2026, 6, 2, 16, 0))
        : new AuditRequestDraft(ACME, LocalDateTime.of(2026, 6, 2, 10, 0),
            LocalDateTime.of(2026, 6, 2, 16, 0), null, START, "letter 2026-03")));
    calls(Operation.AUDIT_APPROVE_PLAN, fx -> {
      String id = fx.audit();
      fx.c.audits().submitPlan(ADMIN, id, "interviews and document review, no system access");
      return p -> fx.c.audits().approvePlan(staff(p), id);
    });
    calls(Operation.AUDIT_DECIDE, fx -> {
      String id = fx.audit();
      return p -> fx.c.audits().decide(staff(p), id);
    });
    calls(Operation.AUDIT_COMPETITOR, fx -> p -> fx.c.audits().declareCompetitor(staff(p), ACME,
        CompetitorDeclaration.Relation.COMPETITOR, "board decision 2026-02"));
    calls(Operation.AUDIT_READ, fx -> p -> fx.c.audits().requests(p, ACME));
    calls(Operation.COMPLIANCE_PACK, fx -> p -> fx.c.compliancePack().generate(p, ACME));
    calls(Operation.EVIDENCE_READ, fx -> p -> fx.c.evidence().readFor(p, ACME, 1, 100));
    // Jobs: called by the system only, with no principal.
    calls(Operation.DSR_JOBS, fx -> p -> {
      fx.c.subjectRequests().notifyPending();
      fx.c.subjectRequests().escalateOverdue();
    });
    calls(Operation.INSTRUCTION_JOBS, fx -> p -> fx.c.instructions().informPending());
    calls(Operation.AUTHORITY_JOBS, fx -> p -> {
      fx.c.authorityRequests().informPending();
      fx.c.authorityRequests().escalateDueReviews();
    });
    calls(Operation.ASSISTANCE_JOBS, fx -> p -> fx.c.assistance().sendPendingQuotes());
    calls(Operation.RETENTION_JOBS, fx -> p -> {
      fx.c.retention().sweep();
      fx.c.retention().resumeUnfinished();
      fx.c.retention().status();
    });
    calls(Operation.TERMINATION_JOBS, fx -> p -> fx.c.terminations().runDue());
    calls(Operation.PROCESSING_CHECK, fx -> p -> fx.c.processingGate().check(ACME));
    calls(Operation.SUBPROCESSOR_JOBS, fx -> p -> {
      fx.c.subprocessors().deliverPending();
      fx.c.subprocessors().overdueNotices();
    });
    calls(Operation.BREACH_JOBS, fx -> p -> {
      fx.c.breaches().deliverPending();
      fx.c.breaches().escalateOverdue();
    });
  }

  @Test
  void everyOperationHasItsCalls() {
    assertThat(CALLS.keySet()).containsExactlyInAnyOrder(Operation.values());
  }

  @TestFactory
  Stream<DynamicTest> everyCellOfTheMatrix_R_ACC_1_R_ACC_2() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Operation op : Operation.values()) {
      boolean[] first = {true};
      for (Actor a : Actor.values()) {
        boolean allowed = AccessPolicy.DEFAULT.allowed(op).contains(a);
        List<Function<Fx, Call>> calls = CALLS.get(op);
        for (int i = 0; i < calls.size(); i++) {
          int n = i;
          tests.add(DynamicTest.dynamicTest(op + " #" + n + " by " + a + " -> "
              + (allowed ? "allowed" : "refused"), () -> tryCell(op, a, allowed, calls.get(n))));
        }
      }
    }
    return tests.stream();
  }

  static void tryCell(Operation op, Actor a, boolean allowed, Function<Fx, Call> prepare)
      throws Exception {
    Principal p = principal(a);
    assertThat(AccessPolicy.DEFAULT.allows(p, op, ACME)).as("policy").isEqualTo(allowed);
    if (op.job() && a != Actor.SYSTEM) {
      assertThat(allowed).isFalse();
      jobTakesNoPrincipal(op);
      return;
    }
    Fx fx = new Fx();
    Call call = prepare.apply(fx);
    String before = fx.snapshot();
    long evidenceBefore = fx.evidenceCount();
    if (allowed) {
      call.run(p);
      return;
    }
    try {
      call.run(p);
      fail(op + " by " + a + " should be refused");
    } catch (SecurityException | RefusedByType refused) {
      assertThat(fx.snapshot()).as("nothing changed").isEqualTo(before);
      assertThat(fx.evidenceCount() - evidenceBefore).as("at most one refusal entry")
          .isLessThanOrEqualTo(1);
    }
  }

  /** A job's methods take no principal: no one can run them as a person. */
  static void jobTakesNoPrincipal(Operation op) {
    Class<?> service = switch (op.service()) {
      case "subjectRequests" -> dev.custodian.dsr.SubjectRequestService.class;
      case "instructions" -> dev.custodian.instruction.InstructionService.class;
      case "authorityRequests" -> dev.custodian.authority.AuthorityRequestService.class;
      case "assistance" -> dev.custodian.dsr.AssistanceService.class;
      case "retention" -> dev.custodian.retention.RetentionService.class;
      case "terminations" -> dev.custodian.termination.TerminationService.class;
      case "processingGate" -> dev.custodian.termination.ProcessingGate.class;
      case "subprocessors" -> dev.custodian.subprocessor.SubprocessorRegistry.class;
      case "breaches" -> dev.custodian.breach.BreachService.class;
      default -> throw new AssertionError(op.service());
    };
    for (String name : op.methods().split(",")) {
      boolean noArgs = name.trim().endsWith("()");
      String m = name.trim().replace("()", "");
      List<Method> found = Arrays.stream(service.getMethods()).filter(x -> x.getName().equals(m))
          .filter(x -> !noArgs || x.getParameterCount() == 0).toList();
      assertThat(found).as(op + ": " + m).isNotEmpty();
      for (Method x : found) {
        assertThat(x.getParameterTypes()).as(op + ": " + m)
            .noneMatch(Principal.class::isAssignableFrom);
      }
    }
  }

  /** docs/access.md shows the table the code enforces. */
  @Test
  void docsAccessMdIsTheTableInForce() throws Exception {
    Path doc = Path.of("..", "docs", "access.md");
    String text = Files.readString(doc);
    String begin = "<!-- matrix:begin (rendered by AccessPolicy.markdown(); AccessMatrixTest checks it) -->\n";
    String end = "<!-- matrix:end -->";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    assertThat(from).as("matrix markers in docs/access.md").isNotNegative();
    assertThat(text.substring(from + begin.length(), to))
        .isEqualTo(AccessPolicy.DEFAULT.markdown());
  }
}
