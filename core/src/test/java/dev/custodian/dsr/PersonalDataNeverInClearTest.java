package dev.custodian.dsr;

import static dev.custodian.dsr.World.ACME;
import static dev.custodian.dsr.World.GLOBEX;
import static dev.custodian.dsr.World.JANE_EMAIL;
import static dev.custodian.dsr.World.JANE_PHONE;
import static dev.custodian.dsr.World.JOHN_MOBILE;
import static dev.custodian.dsr.World.NOBODY;
import static dev.custodian.dsr.World.OFFICER;
import static dev.custodian.dsr.World.OPERATOR;
import static dev.custodian.dsr.World.PRIVACY;
import static dev.custodian.dsr.World.admin;
import static dev.custodian.dsr.World.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.custodian.authority.AuthorityAnswer;
import dev.custodian.terms.AuthorityKind;
import dev.custodian.authority.AuthorityRequest;
import dev.custodian.authority.AuthorityRequestIntake;
import dev.custodian.authority.Compulsion;
import dev.custodian.authority.Prohibition;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostRecord;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.terms.RequestChannel;
import dev.custodian.terms.SubjectRight;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * R-EVID-2: a full scenario of every duty of this issue, with failures and refusals on the way;
 * then no captured log line and no evidence entry holds a test phone number or e-mail in clear.
 */
class PersonalDataNeverInClearTest {
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger custodianLogger;
  private Level previousLevel;

  @BeforeEach
  void captureLogs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    custodianLogger = context.getLogger("dev.custodian");
    previousLevel = custodianLogger.getLevel();
    custodianLogger.setLevel(Level.DEBUG); // whatever the build's logging configuration says
    logs.setContext(context);
    logs.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
  }

  @AfterEach
  void release() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
    custodianLogger.setLevel(previousLevel);
  }

  @Test
  void noLogLineNorEvidenceEntryHoldsAPhoneNumberOrEmailInClear_R_EVID_2() {
    World w = new World();
    fullScenario(w);

    List<String> forbidden = forbiddenForms(JANE_PHONE, JANE_EMAIL, JOHN_MOBILE, NOBODY);
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : logs.list) {
      lines.add(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        lines.add(t.getMessage());
      }
    }
    assertThat(logs.list).as("the scenario logs (else this test proves nothing)")
        .hasSizeGreaterThan(20)
        .anySatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
    for (String line : lines) {
      assertThat(line).doesNotContain(forbidden);
    }

    List<EvidenceEntry> evidence = w.evidenceStore.readAll(1, Integer.MAX_VALUE);
    assertThat(evidence).hasSizeGreaterThan(50);
    for (EvidenceEntry e : evidence) {
      assertThat(e.actor() + " " + e.basis() + " " + e.details()).doesNotContain(forbidden);
    }
    assertThat(evidence).extracting(EvidenceEntry::action).contains("dsr.request.received",
        "dsr.request.unmatched", "dsr.case.opened", "dsr.case.notified", "dsr.erasure.completed",
        "dsr.rectification.applied", "dsr.response.sent", "dsr.respond_to_subject.refused",
        "instruction.held", "dsr.assistance.quoted", "authority.request.received",
        "authority.response.sent", "authority.client_informed");
    assertThat(w.custodian.evidence().verify().valid()).isTrue();
  }

  /** Every writing of the test identifiers a careless log line might hold. */
  private static List<String> forbiddenForms(SubjectIdentifier... ids) {
    List<String> out = new ArrayList<>();
    for (SubjectIdentifier id : ids) {
      String v = id.value();
      out.add(v);
      if (id.kind().equals("phone")) {
        String national = v.substring(3); // 199001234
        out.add(national);
        out.add("0" + national);
        out.add(v.substring(0, 3) + " " + national.charAt(0) + " "
            + national.substring(1).replaceAll("(..)(?!$)", "$1 ")); // +33 1 99 00 12 34
      } else {
        out.add(v.substring(0, v.indexOf('@'))); // the local part alone
      }
    }
    return out;
  }

  private static void fullScenario(World w) {
    w.record(ACME, CategoryId.CALL_LOG, JANE_PHONE);
    w.record(ACME, CategoryId.CALL_RECORDING, JANE_PHONE);
    w.record(ACME, CategoryId.CONTACT_MANUAL, JANE_PHONE, JANE_EMAIL);
    w.record(GLOBEX, CategoryId.SMS_LOG, JANE_EMAIL);
    w.record(GLOBEX, CategoryId.CALL_LOG, JOHN_MOBILE);

    // Intake, an unmatched request, a failed escalation and a failed notification, then retries.
    w.notifier.failNext(1);
    w.dsr().receive(PRIVACY, SubjectRequestIntake.of(SubjectRight.ACCESS, RequestChannel.PHONE,
        w.clock.instant(), NOBODY));
    SubjectRequest jane = w.dsr().receive(OPERATOR, SubjectRequestIntake.of(SubjectRight.ERASURE,
        RequestChannel.EMAIL, w.clock.instant(), JANE_PHONE, JANE_EMAIL).withReference("TCK-9"));
    w.notifier.failNext(1);
    w.dsr().receive(OPERATOR, SubjectRequestIntake.of(SubjectRight.ACCESS, RequestChannel.WEB_FORM,
        w.clock.instant(), JOHN_MOBILE));
    w.advance(Duration.ofHours(30));
    w.dsr().escalateOverdue();
    w.dsr().notifyPending();
    String acme = caseOf(jane, ACME);
    String globex = caseOf(jane, GLOBEX);

    // Refused attempts of every kind.
    catchThrowable(() -> w.dsr().respond(OPERATOR, acme, null, SubjectAnswer.message("hello")));
    catchThrowable(() -> w.dsr().respond(user(ACME), acme, "ins-x", SubjectAnswer.message("hi")));
    catchThrowable(() -> w.dsr().instruct(admin(GLOBEX), acme,
        w.instruction(admin(GLOBEX), InstructedAction.ERASE, CategoryId.CALL_LOG)));
    catchThrowable(() -> w.dsr().receive(OPERATOR, SubjectRequestIntake.of(SubjectRight.ACCESS,
        RequestChannel.EMAIL, w.clock.instant(), JANE_PHONE).withReference(JANE_EMAIL.value())));
    catchThrowable(() -> w.dsr().pause(admin(ACME), acme, "call " + JANE_PHONE.value()));

    // The clock, the instructed actions, an unlawful instruction, the answer.
    w.dsr().extend(admin(ACME), acme, 1, "many categories to review");
    w.dsr().pause(admin(ACME), acme, "identity check");
    w.advance(Duration.ofDays(1));
    w.dsr().resume(admin(ACME), acme, "identity confirmed");
    w.dsr().locate(admin(ACME), acme);
    Instruction export = w.dsr().instruct(admin(ACME), acme, w.instruction(admin(ACME),
        InstructedAction.EXPORT, CategoryId.CALL_LOG, CategoryId.CONTACT_MANUAL));
    Instruction erase = w.dsr().instruct(OPERATOR, acme, w.instruction(admin(ACME),
        InstructedAction.ERASE, CategoryId.CALL_LOG, CategoryId.CALL_RECORDING));
    Instruction rectify = w.dsr().instruct(admin(ACME), acme, w.instruction(admin(ACME),
        InstructedAction.RECTIFY, CategoryId.CONTACT_MANUAL));
    Instruction restrict = w.dsr().instruct(admin(ACME), acme, w.instruction(admin(ACME),
        InstructedAction.RESTRICT, CategoryId.CONTACT_MANUAL));
    Instruction answer = w.dsr().instruct(admin(ACME), acme, w.instruction(admin(ACME),
        InstructedAction.RESPOND_TO_SUBJECT, CategoryId.CONTACT_MANUAL));
    Instruction dubious = w.dsr().instruct(admin(GLOBEX), globex, w.instruction(admin(GLOBEX),
        InstructedAction.RESPOND_TO_SUBJECT, CategoryId.SMS_LOG));
    w.notifier.failNext(1);
    w.custodian.instructions().flagUnlawful(PRIVACY, dubious.id(), "no legal basis given");
    w.custodian.instructions().informPending();
    w.advance(Duration.ofMinutes(5));
    w.dsr().exportForClient(admin(ACME), acme, export.id(),
        Set.of(CategoryId.CALL_LOG, CategoryId.CONTACT_MANUAL)).toJson();
    HostRecord contact = w.hostData.findSubject(ACME, Set.of(JANE_PHONE)).stream()
        .filter(r -> r.category().equals(CategoryId.CONTACT_MANUAL)).findFirst().orElseThrow();
    w.dsr().rectify(OPERATOR, acme, rectify.id(), List.of(new Correction(
        CategoryId.CONTACT_MANUAL, contact.id(), Map.of("party", JANE_EMAIL.value()))));
    w.dsr().restrict(OPERATOR, acme, restrict.id(), Set.of(CategoryId.CONTACT_MANUAL));
    w.dsr().erase(OPERATOR, acme, erase.id(), Set.of(CategoryId.CALL_LOG,
        CategoryId.CALL_RECORDING));
    w.dsr().respond(OPERATOR, acme, answer.id(), new SubjectAnswer(
        "Dear subject, we hold " + JANE_EMAIL.value() + " in your contact card.",
        Set.of(CategoryId.CONTACT_MANUAL)));
    catchThrowable(() -> w.dsr().respond(OPERATOR, globex, dubious.id(),
        SubjectAnswer.withData("x", CategoryId.SMS_LOG)));

    // Assistance with a quote.
    AssistanceRequest help = w.custodian.assistance().request(admin(GLOBEX), globex,
        "we cannot export SMS logs ourselves");
    w.custodian.assistance().quote(OPERATOR, help.id(), new Quote(new BigDecimal("120.00"),
        Currency.getInstance("EUR"), "SMS log extraction", LocalDate.of(2026, 4, 1)));
    w.custodian.assistance().accept(admin(GLOBEX), help.id());
    w.custodian.assistance().startBillableWork(OPERATOR, help.id());

    // Authority requests, informed and under prohibition.
    AuthorityRequestIntake police = new AuthorityRequestIntake(AuthorityKind.LAW_ENFORCEMENT,
        "Tribunal judiciaire de Paris", "PV 2026/7", GLOBEX, Set.of(JOHN_MOBILE, JANE_EMAIL),
        Set.of(CategoryId.CALL_LOG, CategoryId.SMS_LOG), w.clock.instant());
    AuthorityRequest informed = w.custodian.authorityRequests().receive(OPERATOR, police);
    Instruction disclose = w.custodian.authorityRequests().instruct(admin(GLOBEX), informed.id(),
        w.instruction(admin(GLOBEX), InstructedAction.RESPOND_TO_AUTHORITY, CategoryId.CALL_LOG));
    w.advance(Duration.ofMinutes(1));
    w.custodian.authorityRequests().respond(OPERATOR, informed.id(), disclose.id(),
        AuthorityAnswer.of("Call logs of " + JOHN_MOBILE.value(), CategoryId.CALL_LOG));
    AuthorityRequest secret = w.custodian.authorityRequests().receiveUnderProhibition(OFFICER,
        police, new Prohibition("CPP art. 11", LocalDate.of(2026, 3, 20)));
    catchThrowable(() -> w.custodian.authorityRequests().respondUnderCompulsion(OFFICER,
        secret.id(), AuthorityAnswer.of("x", CategoryId.SMS_LOG)));
    w.custodian.authorityRequests().approveCompulsion(OFFICER, secret.id(),
        new Compulsion("CPP art. 60-1", "requisition 7"));
    w.custodian.authorityRequests().respondUnderCompulsion(OFFICER, secret.id(),
        AuthorityAnswer.of("SMS logs", CategoryId.SMS_LOG));
    w.advance(Duration.ofDays(60));
    w.custodian.authorityRequests().escalateDueReviews();
    w.custodian.authorityRequests().liftProhibition(OFFICER, secret.id(), "investigation closed");
  }

  private static String caseOf(SubjectRequest r, dev.custodian.client.ClientId client) {
    return r.cases().stream().filter(c -> c.client().equals(client)).findFirst().orElseThrow()
        .caseId();
  }
}
