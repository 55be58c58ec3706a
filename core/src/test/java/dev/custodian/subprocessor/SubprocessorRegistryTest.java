package dev.custodian.subprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.spi.ChangeType;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.StoredState;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.spi.Subprocessor;
import dev.custodian.spi.SubprocessorNotice;
import dev.custodian.spi.SubprocessorNoticeSender;
import dev.custodian.spi.TransferMechanism;
import dev.custodian.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class SubprocessorRegistryTest {
  private static final ClientId ACME = ClientId.of("acme");
  private static final ClientId GLOBEX = ClientId.of("globex");
  private static final ProcessorPrincipal OPERATOR = ProcessorPrincipal.of("op-1", ProcessorRole.OPERATOR);
  private static final ClientPrincipal ACME_SUPER =
      ClientPrincipal.of("acme-super", ACME, ClientRole.SUPER_ADMINISTRATOR);
  private static final ClientPrincipal ACME_ADMIN =
      ClientPrincipal.of("acme-admin", ACME, ClientRole.ADMINISTRATOR);
  private static final ClientPrincipal ACME_USER = ClientPrincipal.of("acme-user", ACME, ClientRole.USER);
  private static final ClientPrincipal GLOBEX_ADMIN =
      ClientPrincipal.of("globex-admin", GLOBEX, ClientRole.ADMINISTRATOR);

  private static final Subprocessor NEWCO = new Subprocessor("newco", "NEWCO", "Hébergement de secours",
      "DE", TransferMechanism.NONE_INSIDE_EEA, null, "DPA-2026-014");

  // Tuesday 28 April 2026, 10:00 in Paris.
  private final MutableClock clock = MutableClock.atParis("2026-04-28T10:00");
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final InMemoryEvidenceStore evidenceStore = new InMemoryEvidenceStore();
  private final EvidenceLog evidence = new EvidenceLog(evidenceStore, clock);
  private final SubprocessorNoticeSender sender = mock(SubprocessorNoticeSender.class);

  private SubprocessorRegistry registry(StateStore s) {
    when(sender.clientsUnderContract()).thenReturn(List.of(ACME, GLOBEX));
    return new SubprocessorRegistry(s, evidence, clock,
        SubprocessorSettings.defaults().withSender(sender));
  }

  private final SubprocessorRegistry registry = registry(store);

  private List<String> actions() {
    return evidenceStore.readAll(1, 1000).stream().map(EvidenceEntry::action).toList();
  }

  // ---- R-SUB-1: visibility and the shipped default ----

  @Test
  void onlySuperAdministratorsAndStaffSeeTheRegistry_R_SUB_1() {
    assertThat(registry.inForce(ACME_SUPER)).hasSize(26);
    assertThat(registry.inForce(OPERATOR)).hasSize(26);
    for (ClientPrincipal p : List.of(ACME_ADMIN, ACME_USER,
        ClientPrincipal.designatedContact("acme-dpo", ACME, ClientRole.SUPERVISOR))) {
      assertThatThrownBy(() -> registry.inForce(p)).isInstanceOf(SecurityException.class)
          .hasMessageContaining("super administrators");
      assertThatThrownBy(() -> registry.entries(p)).isInstanceOf(SecurityException.class);
    }
  }

  @Test
  void theDefaultIsStoredOnceWithEvidence_R_SUB_1() {
    registry.inForce(OPERATOR);
    registry(store).inForce(OPERATOR); // a second node on the same store
    assertThat(store.list(SubprocessorRegistry.ENTRY, null)).hasSize(26);
    assertThat(actions()).containsExactly("subprocessor.registry.initialised");
    assertThat(registry.find(OPERATOR, "cloudflare")).get()
        .extracting(e -> e.subProcessor().mechanism()).isEqualTo(TransferMechanism.DATA_LOCALISATION);
  }

  // ---- R-SUB-4, R-SUB-5: transfer mechanisms ----

  @Test
  void refusesAnEntryOutsideTheEeaWithoutAdequacyOrMechanism_R_SUB_4() {
    Subprocessor us = new Subprocessor("usco", "USCO", "Analyse", "US",
        TransferMechanism.NONE_INSIDE_EEA, null, "DPA-2026-020");
    assertThatThrownBy(() -> registry.announceAddition(OPERATOR, us, LocalDate.parse("2026-06-01")))
        .isInstanceOf(TransferNotCoveredException.class)
        .hasMessageContaining("R-SUB-4").hasMessageContaining("2021/914");
    assertThatThrownBy(() -> registry.announceAddition(OPERATOR,
        us.withMechanism(TransferMechanism.ADEQUACY_DECISION, null), LocalDate.parse("2026-06-01")))
        .isInstanceOf(TransferNotCoveredException.class).hasMessageContaining("no adequacy decision");
    assertThatThrownBy(() -> registry.announceAddition(OPERATOR,
        us.withMechanism(TransferMechanism.DATA_LOCALISATION, " "), LocalDate.parse("2026-06-01")))
        .isInstanceOf(TransferNotCoveredException.class).hasMessageContaining("documented");
    assertThat(store.list(SubprocessorRegistry.CHANGE, null)).isEmpty();

    registry.announceAddition(OPERATOR,
        us.withMechanism(TransferMechanism.STANDARD_CONTRACTUAL_CLAUSES, "CCT module 3"),
        LocalDate.parse("2026-06-01"));
    assertThat(registry.find(OPERATOR, "usco")).isPresent();
  }

  @Test
  void anAdequateCountryNeedsNoClauses_R_SUB_4() {
    Subprocessor ch = new Subprocessor("swissco", "SWISSCO", "Sauvegarde", "CH",
        TransferMechanism.ADEQUACY_DECISION, null, "DPA-2026-021");
    registry.announceAddition(OPERATOR, ch, LocalDate.parse("2026-06-01"));
    assertThat(registry.find(OPERATOR, "swissco")).isPresent();
    assertThat(TransferRules.DEFAULT.withAdequateCountries(java.util.Set.of())
        .problem("CH", TransferMechanism.ADEQUACY_DECISION, null)).isPresent();
  }

  @Test
  void everyEntryReferencesItsWrittenAgreement_R_SUB_5() {
    assertThatThrownBy(() -> new Subprocessor("x", "X", "Y", "FR",
        TransferMechanism.NONE_INSIDE_EEA, null, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("R-SUB-5");
  }

  @Test
  void aBadInitialRegistryFailsAtConstruction_R_SUB_4() {
    Subprocessor bad = NEWCO.withCountry("US");
    assertThatThrownBy(() -> new SubprocessorRegistry(store, evidence, clock,
        SubprocessorSettings.defaults().withInitialSubProcessors(List.of(bad))))
        .isInstanceOf(TransferNotCoveredException.class);
  }

  // ---- R-SUB-2: notice period and notices ----

  @Test
  void refusesAnEffectiveDateTooCloseAndSaysTheEarliest_R_SUB_2() {
    // Notified on Tuesday 28 April 2026, a change cannot take effect on Friday 15 May (the day
    // after Ascension): the tenth business day after 28 April is 15 May itself.
    assertThatThrownBy(() -> registry.announceAddition(OPERATOR, NEWCO, LocalDate.parse("2026-05-15")))
        .isInstanceOfSatisfying(NoticeTooShortException.class,
            e -> assertThat(e.earliestAllowed()).isEqualTo(LocalDate.parse("2026-05-16")))
        .hasMessageContaining("earliest allowed date is 2026-05-16");
    assertThat(registry.earliestEffectiveDate()).isEqualTo(LocalDate.parse("2026-05-16"));
    assertThat(store.list(SubprocessorRegistry.CHANGE, null)).isEmpty();
    verify(sender, times(0)).send(any());

    SubprocessorChange change =
        registry.announceAddition(OPERATOR, NEWCO, LocalDate.parse("2026-05-16"));
    assertThat(change.lastDayToNotify()).isEqualTo(LocalDate.parse("2026-04-28"));
  }

  @Test
  void theDayIsTakenInTheProcessorsZone_R_SUB_2() {
    // 23:30 in Sao Paulo on 27 April is already 28 April in Paris.
    clock.set(Instant.parse("2026-04-28T02:30:00Z"));
    assertThat(registry.today()).isEqualTo(LocalDate.parse("2026-04-28"));
    assertThat(registry.earliestEffectiveDate()).isEqualTo(LocalDate.parse("2026-05-16"));
  }

  @Test
  void anAdditionIsNotifiedToEveryClientAfterBeingStored_R_SUB_2() {
    List<String> seenAtSend = new ArrayList<>();
    doAnswer(inv -> {
      SubprocessorNotice n = inv.getArgument(0);
      // At the moment of sending, the change and the claimed notice are already stored.
      Optional<StoredState> stored = store.find(SubprocessorRegistry.NOTICE, n.id());
      assertThat(store.find(SubprocessorRegistry.CHANGE, n.changeId())).isPresent();
      assertThat(stored).isPresent();
      assertThat(stored.get().body()).contains("\"attempts\":1");
      seenAtSend.add(n.client().value());
      return null;
    }).when(sender).send(any());

    SubprocessorChange change =
        registry.announceAddition(OPERATOR, NEWCO, LocalDate.parse("2026-06-01"));

    assertThat(seenAtSend).containsExactly("acme", "globex");
    assertThat(change.fannedOut()).isTrue();
    assertThat(change.clients()).containsExactly(ACME, GLOBEX);
    ArgumentCaptor<SubprocessorNotice> sent = ArgumentCaptor.forClass(SubprocessorNotice.class);
    verify(sender, times(2)).send(sent.capture());
    SubprocessorNotice first = sent.getAllValues().get(0);
    assertThat(first.type()).isEqualTo(ChangeType.ADDITION);
    assertThat(first.subProcessor()).isEqualTo(NEWCO);
    assertThat(first.effectiveOn()).isEqualTo(LocalDate.parse("2026-06-01"));
    // Objection deadline if received today (28 April): 29, 30 April, 4-7, 11-13 May, 15 May.
    assertThat(first.objectionDeadline()).isEqualTo(LocalDate.parse("2026-05-15"));

    List<SubprocessorNotice> acme = registry.notices(ACME_SUPER, ACME);
    assertThat(acme).singleElement().satisfies(n -> {
      assertThat(n.status()).isEqualTo(SubprocessorNotice.Status.SENT);
      assertThat(n.late()).isFalse();
      assertThat(n.receivedOn()).isEqualTo(LocalDate.parse("2026-04-28"));
    });
    assertThat(actions()).containsSubsequence("subprocessor.change.announced",
        "subprocessor.notice.sent", "subprocessor.notice.sent");
    assertThat(evidence.verify().valid()).isTrue();
  }

  @Test
  void aNewSubProcessorIsEngagedFromItsEffectiveDateOnly_R_SUB_2() {
    registry.announceAddition(OPERATOR, NEWCO, LocalDate.parse("2026-06-01"));
    assertThat(registry.inForce(OPERATOR)).hasSize(26);
    assertThat(registry.entries(OPERATOR)).hasSize(27);
    clock.setParis("2026-06-01T00:00");
    assertThat(registry.inForce(OPERATOR)).hasSize(27)
        .anySatisfy(e -> assertThat(e.subProcessor().id()).isEqualTo("newco"));
  }

  @Test
  void aRemovalIsNotifiedAndEndsTheEngagement_R_SUB_2() {
    SubprocessorChange change =
        registry.announceRemoval(OPERATOR, "sendgrid", LocalDate.parse("2026-06-01"), "no longer used");
    assertThat(change.type()).isEqualTo(ChangeType.REMOVAL);
    verify(sender, times(2)).send(any());
    assertThat(registry.notices(OPERATOR, GLOBEX)).singleElement()
        .satisfies(n -> assertThat(n.objectionDeadline()).isNull());
    assertThat(registry.inForceOn(OPERATOR, LocalDate.parse("2026-05-31")))
        .anySatisfy(e -> assertThat(e.subProcessor().id()).isEqualTo("sendgrid"));
    assertThat(registry.inForceOn(OPERATOR, LocalDate.parse("2026-06-01")))
        .noneSatisfy(e -> assertThat(e.subProcessor().id()).isEqualTo("sendgrid"));
    assertThatThrownBy(() -> registry.announceRemoval(OPERATOR, "sendgrid",
        LocalDate.parse("2026-07-01"), "again")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already announced");
    assertThatThrownBy(() -> registry.announceRemoval(OPERATOR, "nobody",
        LocalDate.parse("2026-07-01"), "x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anEngagedIdCannotBeAddedTwice() {
    Subprocessor again = new Subprocessor("scaleway", "SCALEWAY", "x", "FR",
        TransferMechanism.NONE_INSIDE_EEA, null, "y");
    assertThatThrownBy(() -> registry.announceAddition(OPERATOR, again, LocalDate.parse("2026-06-01")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in the registry");
  }

  @Test
  void onlyOperatorsOrThePrivacyContactAnnounce() {
    assertThatThrownBy(() -> registry.announceAddition(
        ProcessorPrincipal.of("sec", ProcessorRole.SECURITY_TEAM), NEWCO, LocalDate.parse("2026-06-01")))
        .isInstanceOf(SecurityException.class);
    registry.announceAddition(ProcessorPrincipal.of("dpo", ProcessorRole.PRIVACY_CONTACT), NEWCO,
        LocalDate.parse("2026-06-01"));
  }

  @Test
  void withoutASenderNothingIsAnnounced_R_SUB_2() {
    SubprocessorRegistry noSender =
        new SubprocessorRegistry(store, evidence, clock, SubprocessorSettings.defaults());
    assertThatThrownBy(() -> noSender.announceAddition(OPERATOR, NEWCO, LocalDate.parse("2026-06-01")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("SubprocessorNoticeSender");
    assertThat(store.list(SubprocessorRegistry.CHANGE, null)).isEmpty();
  }

  @Test
  void aFailedDeliveryStaysPendingIsRetriedAndListedOverdue_R_SUB_2() {
    doThrow(new IllegalStateException("mail relay down")).when(sender).send(any());
    registry.announceAddition(OPERATOR, NEWCO, LocalDate.parse("2026-05-16"));
    assertThat(registry.notices(OPERATOR, ACME)).singleElement()
        .satisfies(n -> assertThat(n.status()).isEqualTo(SubprocessorNotice.Status.PENDING));
    assertThat(registry.deliverPending()).isZero(); // retry not yet due

    // Next day: the last day to notify (28 April) has passed.
    clock.setParis("2026-04-29T09:00");
    assertThat(registry.overdueNotices()).hasSize(2);
    assertThat(registry.deliverPending()).isZero();

    org.mockito.Mockito.reset(sender);
    assertThat(registry.deliverPending()).isEqualTo(0); // failed attempt pushed the retry a minute
    clock.advance(SubprocessorRegistry.RETRY_AFTER);
    assertThat(registry.deliverPending()).isEqualTo(2);
    assertThat(registry.overdueNotices()).isEmpty();
    assertThat(registry.notices(OPERATOR, ACME)).singleElement().satisfies(n -> {
      assertThat(n.status()).isEqualTo(SubprocessorNotice.Status.SENT);
      assertThat(n.late()).isTrue();
    });
    assertThat(evidenceStore.readAll(1, 1000)).filteredOn(e -> e.action().equals("subprocessor.notice.sent"))
        .allSatisfy(e -> assertThat(e.details()).containsEntry("late", "true"));
  }

  @Test
  void anAnnouncementInterruptedMidWayIsCompleted_R_SUB_2() {
    // A store that fails while storing the second client's notice, as a crash would.
    AtomicInteger noticeInserts = new AtomicInteger();
    StateStore crashing = new DelegatingStore(store) {
      @Override
      public StoredState insert(String kind, String id, ClientId client, Instant dueAt, String body) {
        if (kind.equals(SubprocessorRegistry.NOTICE) && noticeInserts.incrementAndGet() == 2) {
          throw new IllegalStateException("database gone");
        }
        return super.insert(kind, id, client, dueAt, body);
      }
    };
    assertThatThrownBy(() -> registry(crashing)
        .announceAddition(OPERATOR, NEWCO, LocalDate.parse("2026-06-01")))
        .hasMessageContaining("database gone");
    verify(sender, times(0)).send(any());

    SubprocessorRegistry restarted = registry(store);
    assertThat(restarted.deliverPending()).isEqualTo(2);
    assertThat(restarted.changes(OPERATOR)).singleElement()
        .satisfies(c -> assertThat(c.fannedOut()).isTrue());
    assertThat(restarted.find(OPERATOR, "newco")).isPresent();
    verify(sender, times(2)).send(any());
  }

  @Test
  void aClientSeesOnlyItsOwnNotices_R_ACC_2() {
    registry.announceAddition(OPERATOR, NEWCO, LocalDate.parse("2026-06-01"));
    assertThatThrownBy(() -> registry.notices(ACME_SUPER, GLOBEX)).isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> registry.notices(ACME_ADMIN, ACME)).isInstanceOf(SecurityException.class);
    assertThat(registry.notices(ACME_SUPER, ACME)).extracting(SubprocessorNotice::client)
        .containsOnly(ACME);
    assertThat(registry.changes(ACME_SUPER)).singleElement()
        .satisfies(c -> assertThat(c.clients()).containsExactly(ACME));
    assertThat(registry.changes(OPERATOR)).singleElement()
        .satisfies(c -> assertThat(c.clients()).containsExactly(ACME, GLOBEX));
  }

  // ---- R-SUB-3: objections ----

  private SubprocessorChange announced() {
    return registry.announceAddition(OPERATOR, NEWCO, LocalDate.parse("2026-06-01"));
  }

  @Test
  void anObjectionInTimeIsTrackedUntilTheProcessorProposes_R_SUB_3() {
    SubprocessorChange change = announced();
    clock.setParis("2026-05-15T17:00"); // the tenth business day after receipt on 28 April
    Objection o = registry.object(ACME_ADMIN, change.id(), "servers must stay in France for our sector");
    assertThat(o.late()).isFalse();
    assertThat(o.deadline()).isEqualTo(LocalDate.parse("2026-05-15"));
    assertThat(o.open()).isTrue();
    assertThat(registry.openObjections(OPERATOR)).extracting(Objection::id).containsExactly(o.id());

    Objection answered = registry.propose(OPERATOR, o.id(), Objection.Status.CONFIGURATION_CHANGE_PROPOSED,
        "turn off the backup hosting option in the dashboard");
    assertThat(answered.open()).isFalse();
    assertThat(registry.openObjections(OPERATOR)).isEmpty();
    Objection closed = registry.close(ACME_ADMIN, o.id(), Objection.Status.ACCEPTED);
    assertThat(closed.status()).isEqualTo(Objection.Status.ACCEPTED);
    assertThatThrownBy(() -> registry.close(ACME_ADMIN, o.id(), Objection.Status.WITHDRAWN))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already ACCEPTED");
    assertThat(actions()).containsSubsequence("subprocessor.objection.recorded",
        "subprocessor.objection.answered", "subprocessor.objection.closed");
  }

  @Test
  void aLateObjectionIsRecordedAsLate_R_SUB_3() {
    SubprocessorChange change = announced();
    clock.setParis("2026-05-18T09:00"); // the business day after the deadline (15 May)
    Objection o = registry.object(ACME_ADMIN, change.id(), "grounds");
    assertThat(o.late()).isTrue();
    assertThat(registry.objections(OPERATOR, ACME)).singleElement()
        .satisfies(x -> assertThat(x.late()).isTrue());
    assertThat(evidenceStore.head()).get().satisfies(e -> {
      assertThat(e.action()).isEqualTo("subprocessor.objection.recorded");
      assertThat(e.details()).containsEntry("late", "true").containsEntry("deadline", "2026-05-15");
    });
  }

  @Test
  void aLaterReceiptMovesTheObjectionDeadline_R_SUB_3() {
    SubprocessorChange change = announced();
    clock.setParis("2026-05-04T09:00");
    SubprocessorNotice n =
        registry.recordReceipt(OPERATOR, change.id(), ACME, LocalDate.parse("2026-04-30"));
    // 4, 5, 6, 7, 11, 12, 13, 15, 18, 19 May (skipping 1 May, 8 May and Ascension).
    assertThat(n.objectionDeadline()).isEqualTo(LocalDate.parse("2026-05-19"));
    clock.setParis("2026-05-19T18:00");
    assertThat(registry.object(ACME_ADMIN, change.id(), "grounds").late()).isFalse();
    assertThatThrownBy(() -> registry.recordReceipt(OPERATOR, change.id(), GLOBEX,
        LocalDate.parse("2026-04-27"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void objectionsNeedGroundsAnAuthorisedClientAndANewSubProcessor_R_SUB_3() {
    SubprocessorChange change = announced();
    assertThatThrownBy(() -> registry.object(ACME_ADMIN, change.id(), " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grounds");
    assertThatThrownBy(() -> registry.object(ACME_USER, change.id(), "grounds"))
        .isInstanceOf(SecurityException.class);
    SubprocessorChange removal =
        registry.announceRemoval(OPERATOR, "slack", LocalDate.parse("2026-06-01"), "replaced");
    assertThatThrownBy(() -> registry.object(ACME_ADMIN, removal.id(), "grounds"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("new sub-processors");
    registry.object(ACME_ADMIN, change.id(), "grounds");
    assertThatThrownBy(() -> registry.object(ACME_ADMIN, change.id(), "grounds again"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already objected");
  }

  @Test
  void objectionTransitionsAreChecked_R_SUB_3() {
    SubprocessorChange change = announced();
    Objection o = registry.object(GLOBEX_ADMIN, change.id(), "grounds");
    assertThatThrownBy(() -> registry.propose(OPERATOR, o.id(), Objection.Status.ACCEPTED, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.close(GLOBEX_ADMIN, o.id(), Objection.Status.ALTERNATIVE_PROPOSED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.close(ACME_ADMIN, o.id(), Objection.Status.WITHDRAWN))
        .isInstanceOf(SecurityException.class);
    registry.close(GLOBEX_ADMIN, o.id(), Objection.Status.WITHDRAWN);
    assertThatThrownBy(() -> registry.propose(OPERATOR, o.id(), Objection.Status.ALTERNATIVE_PROPOSED, "x"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not open");
    assertThatThrownBy(() -> registry.objections(ACME_ADMIN, GLOBEX)).isInstanceOf(SecurityException.class);
  }

  @Test
  void objectionGroundsNeverReachEvidence_R_EVID_2() {
    SubprocessorChange change = announced();
    registry.object(ACME_ADMIN, change.id(), "call our DPO at +33 1 99 00 12 34");
    assertThat(evidence.verify().valid()).isTrue();
    assertThat(evidenceStore.readAll(1, 1000)).allSatisfy(e ->
        assertThat(e.details().values()).noneMatch(v -> v.contains("99 00")));
  }

  @Test
  void aNoticeLeftClaimedByACrashedNodeIsSentAfterTheLease_R_SUB_2() {
    doThrow(new SimulatedCrash()).when(sender).send(any());
    assertThatThrownBy(this::announced).isInstanceOf(SimulatedCrash.class);
    org.mockito.Mockito.reset(sender);
    SubprocessorRegistry otherNode = registry(store);
    assertThat(otherNode.deliverPending()).as("acme's notice is leased").isEqualTo(1);
    clock.advance(SubprocessorRegistry.DELIVERY_LEASE);
    assertThat(otherNode.deliverPending()).isEqualTo(1);
    verify(sender, times(2)).send(any());
    assertThat(otherNode.notices(OPERATOR, ACME)).singleElement()
        .satisfies(n -> assertThat(n.status()).isEqualTo(SubprocessorNotice.Status.SENT));
  }

  /** Stands for the process dying inside the host's sender. */
  private static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;
  }
}
