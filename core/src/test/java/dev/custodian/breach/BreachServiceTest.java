package dev.custodian.breach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.InstructingRoles;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.spi.BreachNotification;
import dev.custodian.spi.BreachNotificationSender;
import dev.custodian.spi.Incident;
import dev.custodian.spi.NotificationContent;
import dev.custodian.testing.MutableClock;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BreachServiceTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ClientId ACME = ClientId.of("acme");
  private static final ClientId GLOBEX = ClientId.of("globex");
  private static final ProcessorPrincipal SECURITY = ProcessorPrincipal.of("sec-1", ProcessorRole.SECURITY_TEAM);
  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();

  private static final NotificationContent COMPLETE = NotificationContent
      .initial("Unauthorised access to call recordings through a leaked API token")
      .withSubjects(List.of("callers", "end users"), 1200L)
      .withRecords(List.of("call recordings", "call logs"), 5400L)
      .withDpoContact("Data protection officer, dpo@example.com")
      .withLikelyConsequences("Disclosure of call contents to one third party")
      .withMeasures("Token revoked, keys rotated, access logs reviewed");

  private final MutableClock clock = MutableClock.atParis("2026-03-27T10:00");
  private final InMemoryEvidenceStore evidenceStore = new InMemoryEvidenceStore();
  private final EvidenceLog evidence = new EvidenceLog(evidenceStore, clock);
  private final BreachNotificationSender sender = mock(BreachNotificationSender.class);
  private final BreachService breaches = new BreachService(new InMemoryStateStore(), evidence, clock,
      PARIS, InstructingRoles.DEFAULT, () -> VALIDATOR, sender);

  private Incident awareNow() {
    return breaches.recordAwareness(SECURITY, ACME, clock.instant(), "API token leak on recordings");
  }

  private List<String> actions() {
    return evidenceStore.readAll(1, 1000).stream().map(EvidenceEntry::action).toList();
  }

  // ---- R-BR-1: the 72-hour clock ----

  @Test
  void overdueAt72HoursAcrossTheSpringDstChange_R_BR_1() {
    // Aware Friday 27 March 2026 at 10:00 CET; clocks go forward on Sunday 29 March at 02:00.
    Incident i = awareNow();
    assertThat(breaches.deadline(i.id()))
        .isEqualTo(ZonedDateTime.of(LocalDateTime.parse("2026-03-30T11:00"), PARIS));

    clock.setParis("2026-03-30T10:00"); // same wall-clock time three days on: only 71 hours
    assertThat(breaches.overdue()).isEmpty();
    clock.setParis("2026-03-30T11:00"); // exactly 72 hours: still within
    assertThat(breaches.overdue()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(breaches.overdue()).extracting(Incident::id).containsExactly(i.id());
  }

  @Test
  void overdueAt72HoursAcrossTheAutumnDstChange_R_BR_1() {
    // Aware Friday 23 October 2026 at 10:00 CEST; clocks go back on Sunday 25 October at 03:00.
    clock.setParis("2026-10-23T10:00");
    Incident i = awareNow();
    assertThat(breaches.deadline(i.id()))
        .isEqualTo(ZonedDateTime.of(LocalDateTime.parse("2026-10-26T09:00"), PARIS));
    clock.setParis("2026-10-26T09:00");
    assertThat(breaches.overdue()).isEmpty();
    clock.setParis("2026-10-26T09:30"); // before the same wall-clock time, yet 72.5 hours on
    assertThat(breaches.overdue()).hasSize(1);
  }

  @Test
  void anOverdueIncidentIsEscalatedOnce_R_BR_1() {
    Incident i = awareNow();
    clock.advance(Duration.ofHours(73));
    List<Incident> escalated = breaches.escalateOverdue();
    assertThat(escalated).singleElement().satisfies(x -> assertThat(x.escalatedAt()).isNotNull());
    assertThat(breaches.escalateOverdue()).isEmpty();
    verify(sender, times(1)).escalate(any());
    assertThat(breaches.overdue()).extracting(Incident::id).containsExactly(i.id());
    assertThat(actions()).containsExactly("breach.incident.recorded", "breach.notification.overdue");
  }

  @Test
  void theFirstNotificationStopsTheClock_R_BR_1() {
    Incident i = awareNow();
    clock.advance(Duration.ofHours(5));
    breaches.notifyClient(SECURITY, i.id(), BreachNotification.Kind.INITIAL,
        NotificationContent.initial("Unauthorised access to call recordings"));
    clock.advance(Duration.ofHours(100));
    assertThat(breaches.overdue()).isEmpty();
    assertThat(breaches.find(SECURITY, i.id()).clockRunning()).isFalse();
    EvidenceEntry sent = evidenceStore.head().orElseThrow();
    assertThat(sent.action()).isEqualTo("breach.notification.sent");
    assertThat(sent.details()).containsEntry("within_72h", "true")
        .containsEntry("minutes_since_awareness", "300").containsKey("content_sha256");
  }

  @Test
  void awarenessCannotBeInTheFuture_R_BR_1() {
    assertThatThrownBy(() -> breaches.recordAwareness(SECURITY, ACME,
        clock.instant().plusSeconds(60), "x")).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- R-BR-2, R-BR-3: content and sequence ----

  static Stream<Arguments> eachField() {
    return Stream.of(
        Arguments.of("nature", (UnaryOperator<NotificationContent>) c -> new NotificationContent(" ",
            c.subjectCategories(), c.approximateSubjects(), c.recordCategories(),
            c.approximateRecords(), c.dpoContact(), c.likelyConsequences(), c.measures())),
        Arguments.of("subjectCategories", (UnaryOperator<NotificationContent>)
            c -> c.withSubjects(List.of(), c.approximateSubjects())),
        Arguments.of("approximateSubjects", (UnaryOperator<NotificationContent>)
            c -> c.withSubjects(c.subjectCategories(), null)),
        Arguments.of("recordCategories", (UnaryOperator<NotificationContent>)
            c -> c.withRecords(List.of(), c.approximateRecords())),
        Arguments.of("approximateRecords", (UnaryOperator<NotificationContent>)
            c -> c.withRecords(c.recordCategories(), null)),
        Arguments.of("dpoContact", (UnaryOperator<NotificationContent>) c -> c.withDpoContact(null)),
        Arguments.of("likelyConsequences", (UnaryOperator<NotificationContent>)
            c -> c.withLikelyConsequences("")),
        Arguments.of("measures", (UnaryOperator<NotificationContent>) c -> c.withMeasures(null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eachField")
  void aFinalNotificationMissingAnyFieldIsRefusedNamingIt_R_BR_3(
      String field, UnaryOperator<NotificationContent> drop) {
    Incident i = awareNow();
    assertThatThrownBy(() -> breaches.notifyClient(SECURITY, i.id(), BreachNotification.Kind.FINAL,
        drop.apply(COMPLETE)))
        .isInstanceOfSatisfying(IncompleteNotificationException.class,
            e -> assertThat(e.missingFields()).containsExactly(field))
        .hasMessageContaining(field).hasMessageContaining("R-BR-3");
    verify(sender, times(0)).send(any(), any());
    assertThat(breaches.find(SECURITY, i.id()).notifications()).isEmpty();
    assertThat(evidenceStore.head()).get().satisfies(e -> {
      assertThat(e.action()).isEqualTo("breach.notification.refused");
      assertThat(e.details()).containsEntry("missing", field);
    });
  }

  @Test
  void anEmptyFinalNotificationNamesEveryMissingField_R_BR_3() {
    Incident i = awareNow();
    assertThatThrownBy(() -> breaches.notifyClient(SECURITY, i.id(), BreachNotification.Kind.FINAL,
        NotificationContent.initial("Lost backup tape")))
        .isInstanceOfSatisfying(IncompleteNotificationException.class,
            e -> assertThat(e.missingFields()).containsExactly("subjectCategories",
                "approximateSubjects", "recordCategories", "approximateRecords", "dpoContact",
                "likelyConsequences", "measures"));
  }

  @Test
  void anIncompleteNotificationMayGoOutAsInitialThenFollowUpsThenFinal_R_BR_2_R_BR_3() {
    Incident i = awareNow();
    List<BreachNotification.Kind> seen = new ArrayList<>();
    org.mockito.Mockito.doAnswer(inv -> {
      seen.add(inv.<BreachNotification>getArgument(1).kind());
      return null;
    }).when(sender).send(any(), any());

    BreachNotification initial = breaches.notifyClient(SECURITY, i.id(),
        BreachNotification.Kind.INITIAL, NotificationContent.initial("Leaked API token"));
    assertThat(initial.status()).isEqualTo(BreachNotification.Status.SENT);
    breaches.notifyClient(SECURITY, i.id(), BreachNotification.Kind.FOLLOW_UP,
        NotificationContent.initial("Leaked API token").withSubjects(List.of("callers"), 1200L));
    breaches.notifyClient(SECURITY, i.id(), BreachNotification.Kind.FINAL, COMPLETE);

    assertThat(seen).containsExactly(BreachNotification.Kind.INITIAL,
        BreachNotification.Kind.FOLLOW_UP, BreachNotification.Kind.FINAL);
    Incident done = breaches.find(SECURITY, i.id());
    assertThat(done.closed()).isTrue();
    assertThat(done.notifications()).extracting(BreachNotification::sequence).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> breaches.notifyClient(SECURITY, i.id(),
        BreachNotification.Kind.FOLLOW_UP, COMPLETE)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(evidence.verify().valid()).isTrue();
  }

  @Test
  void evenAnInitialNotificationNeedsTheNatureAndSaneNumbers_R_BR_3() {
    Incident i = awareNow();
    assertThatThrownBy(() -> breaches.notifyClient(SECURITY, i.id(), BreachNotification.Kind.INITIAL,
        NotificationContent.initial(null)))
        .isInstanceOfSatisfying(IncompleteNotificationException.class,
            e -> assertThat(e.missingFields()).containsExactly("nature"));
    assertThatThrownBy(() -> breaches.notifyClient(SECURITY, i.id(), BreachNotification.Kind.INITIAL,
        NotificationContent.initial("x").withRecords(List.of("call logs"), -1L)))
        .isInstanceOfSatisfying(IncompleteNotificationException.class,
            e -> assertThat(e.missingFields()).containsExactly("approximateRecords"));
  }

  @Test
  void notificationsComeInOrder_R_BR_2() {
    Incident i = awareNow();
    assertThatThrownBy(() -> breaches.notifyClient(SECURITY, i.id(),
        BreachNotification.Kind.FOLLOW_UP, COMPLETE)).isInstanceOf(IllegalStateException.class);
    breaches.notifyClient(SECURITY, i.id(), BreachNotification.Kind.INITIAL, COMPLETE);
    assertThatThrownBy(() -> breaches.notifyClient(SECURITY, i.id(),
        BreachNotification.Kind.INITIAL, COMPLETE)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFailedSendStaysPendingWithTheClockRunningAndIsRetried_R_BR_1() {
    Incident i = awareNow();
    doThrow(new IllegalStateException("mail relay down")).when(sender).send(any(), any());
    assertThatThrownBy(() -> breaches.notifyClient(SECURITY, i.id(),
        BreachNotification.Kind.INITIAL, COMPLETE)).hasMessageContaining("relay");
    Incident stored = breaches.find(SECURITY, i.id());
    assertThat(stored.notifications()).singleElement()
        .satisfies(n -> assertThat(n.status()).isEqualTo(BreachNotification.Status.PENDING));
    assertThat(stored.clockRunning()).isTrue();
    assertThat(breaches.deliverPending()).isZero();

    clock.advance(Duration.ofHours(80));
    assertThat(breaches.overdue()).hasSize(1);
    reset(sender);
    assertThat(breaches.deliverPending()).isEqualTo(1);
    assertThat(breaches.overdue()).isEmpty();
    assertThat(evidenceStore.head()).get()
        .satisfies(e -> assertThat(e.details()).containsEntry("within_72h", "false"));
  }

  @Test
  void contentNeverReachesEvidence_R_EVID_2() {
    Incident i = awareNow();
    breaches.notifyClient(SECURITY, i.id(), BreachNotification.Kind.FINAL, COMPLETE);
    // The DPO contact holds an e-mail address: the evidence log would refuse it in clear.
    assertThat(evidenceStore.readAll(1, 100)).allSatisfy(e -> assertThat(e.details().values())
        .noneMatch(v -> v.contains("example.com") || v.contains("token")));
  }

  // ---- R-BR-4: incidents caused by the client ----

  @Test
  void aClientCausedIncidentHasNoClockAndNoNotification_R_BR_4() {
    Incident i = breaches.recordClientCaused(SECURITY, ACME, clock.instant(),
        "Administrator password shared on a public forum", "credentials disclosed by the client");
    assertThat(i.causedByClient()).isTrue();
    assertThat(i.notifyBy()).isNull();
    clock.advance(Duration.ofHours(200));
    assertThat(breaches.overdue()).isEmpty();
    assertThat(breaches.escalateOverdue()).isEmpty();
    assertThatThrownBy(() -> breaches.notifyClient(SECURITY, i.id(),
        BreachNotification.Kind.FINAL, COMPLETE)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("R-BR-4");
    assertThat(breaches.incidents(SECURITY, ACME)).singleElement()
        .satisfies(x -> assertThat(x.clientCause()).contains("disclosed"));
    assertThat(actions()).containsExactly("breach.incident.client_caused");
  }

  @Test
  void reclassifyingAsClientCausedStopsTheClock_R_BR_4() {
    Incident i = awareNow();
    breaches.classifyAsClientCaused(SECURITY, i.id(), "the client's own integration leaked it");
    clock.advance(Duration.ofHours(100));
    assertThat(breaches.overdue()).isEmpty();
    assertThatThrownBy(() -> breaches.classifyAsClientCaused(SECURITY, i.id(), "again"))
        .isInstanceOf(IllegalStateException.class);
  }

  // ---- access ----

  @Test
  void onlyStaffHandleIncidentsAndClientsReadOnlyTheirOwn_R_ACC_2() {
    assertThatThrownBy(() -> breaches.recordAwareness(
        ProcessorPrincipal.of("designated", ProcessorRole.DESIGNATED_OFFICER), ACME, clock.instant(), "x"))
        .isInstanceOf(SecurityException.class);
    Incident i = awareNow();
    assertThat(breaches.find(ClientPrincipal.of("a", ACME, ClientRole.ADMINISTRATOR), i.id()).id())
        .isEqualTo(i.id());
    assertThatThrownBy(() -> breaches.find(ClientPrincipal.of("g", GLOBEX, ClientRole.ADMINISTRATOR), i.id()))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> breaches.incidents(ClientPrincipal.of("u", ACME, ClientRole.USER), ACME))
        .isInstanceOf(SecurityException.class);
  }

  @Test
  void withoutASenderNothingIsStored_R_BR_1() {
    BreachService noSender = new BreachService(new InMemoryStateStore(), evidence, clock, PARIS,
        InstructingRoles.DEFAULT, () -> VALIDATOR, null);
    Incident i = noSender.recordAwareness(SECURITY, ACME, Instant.from(clock.instant()), "x");
    assertThatThrownBy(() -> noSender.notifyClient(SECURITY, i.id(),
        BreachNotification.Kind.INITIAL, COMPLETE)).hasMessageContaining("BreachNotificationSender");
    assertThat(noSender.find(SECURITY, i.id()).notifications()).isEmpty();
  }
}
