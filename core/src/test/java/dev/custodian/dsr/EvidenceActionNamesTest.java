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

import dev.custodian.authority.AuthorityAnswer;
import dev.custodian.terms.AuthorityKind;
import dev.custodian.authority.AuthorityRequest;
import dev.custodian.authority.AuthorityRequestActions;
import dev.custodian.authority.AuthorityRequestIntake;
import dev.custodian.authority.AuthorityRequestService;
import dev.custodian.authority.Compulsion;
import dev.custodian.authority.Prohibition;
import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.instruction.InstructionActions;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostRecord;
import dev.custodian.terms.RequestChannel;
import dev.custodian.terms.SubjectRight;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every evidence action the subject-request, authority-request and instruction duties append is
 * one of the names their {@code *Actions} classes declare (issue 12): a literal typed anywhere
 * else would fail here, in the scenario or in the source scan.
 */
class EvidenceActionNamesTest {
  /** The state kinds of these duties, which share the prefixes but are not evidence actions. */
  private static final Set<String> STATE_KINDS =
      Set.of("dsr.request", "dsr.case", "dsr.assistance", "authority.request");
  private static final Pattern ACTION_LITERAL =
      Pattern.compile("\"((?:dsr|authority|instruction)\\.[a-z_.]*)\"");

  @Test
  void everyActionLoggedInAFullScenarioIsDeclared() {
    World w = new World();
    scenario(w);

    List<String> logged = w.evidenceStore.readAll(1, 100_000).stream()
        .map(EvidenceEntry::action).distinct().toList();
    List<String> ours = logged.stream().filter(a -> a.startsWith("dsr.")
        || a.startsWith("authority.") || a.startsWith("instruction.")).toList();

    assertThat(declared(SubjectRequestActions.class)).allMatch(a -> a.startsWith("dsr."));
    assertThat(declared(AuthorityRequestActions.class)).allMatch(a -> a.startsWith("authority."));
    assertThat(declared(InstructionActions.class)).allMatch(a -> a.startsWith("instruction."));
    assertThat(ours).isNotEmpty().allSatisfy(a -> assertThat(allDeclared()).contains(a));
    // The scenario reaches every step but a responder's failure, so a stray literal shows here.
    assertThat(allDeclared()).filteredOn(a -> !ours.contains(a)).containsExactlyInAnyOrder(
        SubjectRequestActions.RESPONSE_FAILED, AuthorityRequestActions.RESPONSE_FAILED);
  }

  @Test
  void theDeclaredNamesAreDistinct() {
    assertThat(allDeclared()).doesNotHaveDuplicates();
  }

  @Test
  void noActionLiteralIsWrittenOutsideTheActionsClasses() throws IOException {
    Path main = Path.of("src/main/java/dev/custodian");
    assertThat(main).isDirectory();
    List<String> strays = new ArrayList<>();
    for (String pkg : List.of("dsr", "authority", "instruction")) {
      try (Stream<Path> files = Files.list(main.resolve(pkg))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java"))
            .filter(p -> !p.getFileName().toString().endsWith("Actions.java")).toList()) {
          Matcher m = ACTION_LITERAL.matcher(Files.readString(f));
          while (m.find()) {
            if (!STATE_KINDS.contains(m.group(1))) {
              strays.add(f.getFileName() + ": " + m.group(1));
            }
          }
        }
      }
    }
    assertThat(strays).isEmpty();
  }

  private static List<String> allDeclared() {
    List<String> all = new ArrayList<>(declared(SubjectRequestActions.class));
    all.addAll(declared(AuthorityRequestActions.class));
    all.addAll(declared(InstructionActions.class));
    return all;
  }

  private static List<String> declared(Class<?> actions) {
    return Arrays.stream(actions.getDeclaredFields())
        .filter(f -> Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers())
            && Modifier.isFinal(f.getModifiers()) && f.getType() == String.class)
        .map(EvidenceActionNamesTest::value).toList();
  }

  private static String value(Field f) {
    try {
      return (String) f.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  /** Intake to answer, the clock, refusals of every kind, assistance, authorities, holds. */
  private static void scenario(World w) {
    w.record(ACME, CategoryId.CALL_LOG, JANE_PHONE);
    w.record(ACME, CategoryId.CALL_RECORDING, JANE_PHONE);
    w.record(ACME, CategoryId.CONTACT_MANUAL, JANE_PHONE, JANE_EMAIL);
    w.record(GLOBEX, CategoryId.SMS_LOG, JANE_EMAIL);
    w.record(GLOBEX, CategoryId.CALL_LOG, JOHN_MOBILE);

    // Intake: unmatched with a failed escalation, a failed notification, then the retries.
    w.notifier.failNext(1);
    w.dsr().receive(PRIVACY, SubjectRequestIntake.of(SubjectRight.ACCESS, RequestChannel.PHONE,
        w.clock.instant(), NOBODY));
    SubjectRequest jane = w.dsr().receive(OPERATOR, SubjectRequestIntake.of(SubjectRight.ERASURE,
        RequestChannel.EMAIL, w.clock.instant(), JANE_PHONE, JANE_EMAIL));
    w.notifier.failNext(1);
    SubjectRequest john = w.dsr().receive(OPERATOR, SubjectRequestIntake.of(SubjectRight.ACCESS,
        RequestChannel.WEB_FORM, w.clock.instant(), JOHN_MOBILE));
    w.advance(Duration.ofHours(30));
    w.dsr().escalateOverdue();
    w.dsr().notifyPending();
    String acme = caseOf(jane, ACME);
    String globex = caseOf(jane, GLOBEX);

    // Refused instructed actions of every kind, and a refused instruction.
    catchThrowable(() -> w.dsr().exportForClient(OPERATOR, acme, null,
        Set.of(CategoryId.CALL_LOG)));
    catchThrowable(() -> w.dsr().erase(OPERATOR, acme, "ins-x", Set.of(CategoryId.CALL_LOG)));
    catchThrowable(() -> w.dsr().restrict(OPERATOR, acme, null, Set.of(CategoryId.CALL_LOG)));
    catchThrowable(() -> w.dsr().rectify(OPERATOR, acme, null, List.of()));
    catchThrowable(() -> w.dsr().respond(user(ACME), acme, "ins-x", SubjectAnswer.message("hi")));
    catchThrowable(() -> w.dsr().instruct(admin(GLOBEX), acme,
        w.instruction(admin(GLOBEX), InstructedAction.ERASE, CategoryId.CALL_LOG)));
    // Instructions refused when recorded: someone else's, and a backdated one.
    catchThrowable(() -> w.dsr().instruct(user(ACME), acme,
        w.instruction(admin(ACME), InstructedAction.EXPORT, CategoryId.CALL_LOG)));
    catchThrowable(() -> w.dsr().instruct(admin(ACME), acme, InstructionDraft.of("letter-1",
        admin(ACME), w.clock.instant().minus(Duration.ofDays(5)), InstructedAction.EXPORT,
        CategoryId.CALL_LOG)));

    // The clock.
    w.dsr().extend(admin(ACME), acme, 1, "many categories to review");
    w.dsr().pause(admin(ACME), acme, "identity check");
    w.advance(Duration.ofDays(1));
    w.dsr().resume(admin(ACME), acme, "identity confirmed");
    w.dsr().locate(admin(ACME), acme);

    // The instructed actions, a held and a released instruction, the answer.
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
    catchThrowable(() -> w.dsr().respond(OPERATOR, globex, dubious.id(),
        SubjectAnswer.withData("x", CategoryId.SMS_LOG)));
    w.custodian.instructions().release(PRIVACY, dubious.id(), "resolved with the client");
    w.dsr().exportForClient(admin(ACME), acme, export.id(),
        Set.of(CategoryId.CALL_LOG, CategoryId.CONTACT_MANUAL));
    HostRecord contact = w.hostData.findSubject(ACME, Set.of(JANE_PHONE)).stream()
        .filter(r -> r.category().equals(CategoryId.CONTACT_MANUAL)).findFirst().orElseThrow();
    w.dsr().rectify(OPERATOR, acme, rectify.id(), List.of(new Correction(
        CategoryId.CONTACT_MANUAL, contact.id(), Map.of("party", "+33 1 99 00 12 35"))));
    w.dsr().restrict(OPERATOR, acme, restrict.id(), Set.of(CategoryId.CONTACT_MANUAL));
    w.dsr().erase(OPERATOR, acme, erase.id(), Set.of(CategoryId.CALL_LOG,
        CategoryId.CALL_RECORDING));
    w.dsr().respond(OPERATOR, acme, answer.id(), new SubjectAnswer("Your contact card.",
        Set.of(CategoryId.CONTACT_MANUAL)));
    w.dsr().close(admin(GLOBEX), caseOf(john, GLOBEX), "answered by the client itself");

    // Assistance: refused start, quote, accept, billable work; a declined quote; free help.
    AssistanceService assistance = w.custodian.assistance();
    Quote quote = new Quote(new BigDecimal("120.00"), Currency.getInstance("EUR"),
        "SMS log extraction", LocalDate.of(2026, 4, 1));
    AssistanceRequest help = assistance.request(admin(GLOBEX), globex, "we cannot export SMS");
    catchThrowable(() -> assistance.startBillableWork(OPERATOR, help.id()));
    assistance.quote(OPERATOR, help.id(), quote);
    assistance.accept(admin(GLOBEX), help.id());
    assistance.startBillableWork(OPERATOR, help.id());
    assistance.complete(OPERATOR, help.id(), "export delivered");
    AssistanceRequest declined = assistance.request(admin(GLOBEX), globex, "a second export");
    assistance.quote(OPERATOR, declined.id(), quote);
    assistance.decline(admin(GLOBEX), declined.id(), "too expensive");
    AssistanceRequest free = assistance.request(admin(GLOBEX), globex, "a quick question");
    assistance.startWithoutCharge(OPERATOR, free.id());

    // Authority requests, informed and under a prohibition.
    AuthorityRequestService authorities = w.custodian.authorityRequests();
    AuthorityRequestIntake police = new AuthorityRequestIntake(AuthorityKind.LAW_ENFORCEMENT,
        "Tribunal judiciaire de Paris", "PV 2026/7", GLOBEX, Set.of(JOHN_MOBILE),
        Set.of(CategoryId.CALL_LOG, CategoryId.SMS_LOG), w.clock.instant());
    AuthorityRequest informed = authorities.receive(OPERATOR, police);
    catchThrowable(() -> authorities.respond(OPERATOR, informed.id(), null,
        AuthorityAnswer.of("x", CategoryId.CALL_LOG)));
    catchThrowable(() -> authorities.instruct(admin(ACME), informed.id(), w.instruction(
        admin(ACME), InstructedAction.RESPOND_TO_AUTHORITY, CategoryId.CALL_LOG)));
    Instruction disclose = authorities.instruct(admin(GLOBEX), informed.id(),
        w.instruction(admin(GLOBEX), InstructedAction.RESPOND_TO_AUTHORITY, CategoryId.CALL_LOG));
    w.advance(Duration.ofMinutes(1));
    authorities.respond(OPERATOR, informed.id(), disclose.id(),
        AuthorityAnswer.of("Call logs", CategoryId.CALL_LOG));
    AuthorityRequest secret = authorities.receiveUnderProhibition(OFFICER, police,
        new Prohibition("CPP art. 11", LocalDate.of(2026, 3, 20)));
    authorities.approveCompulsion(OFFICER, secret.id(),
        new Compulsion("CPP art. 60-1", "requisition 7"));
    authorities.respondUnderCompulsion(OFFICER, secret.id(),
        AuthorityAnswer.of("SMS logs", CategoryId.SMS_LOG));
    w.advance(Duration.ofDays(60));
    authorities.escalateDueReviews();
    authorities.renewProhibition(OFFICER, secret.id(), LocalDate.of(2026, 6, 1), "still secret");
    authorities.liftProhibition(OFFICER, secret.id(), "investigation closed");
    AuthorityRequest withdrawn = authorities.receive(OPERATOR, police);
    authorities.close(admin(GLOBEX), withdrawn.id(), "the authority withdrew it");
  }

  private static String caseOf(SubjectRequest r, ClientId client) {
    return r.cases().stream().filter(c -> c.client().equals(client)).findFirst().orElseThrow()
        .caseId();
  }
}
