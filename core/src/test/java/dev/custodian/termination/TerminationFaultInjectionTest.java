package dev.custodian.termination;

import static dev.custodian.termination.World.ACME;
import static dev.custodian.termination.World.ADMIN;
import static dev.custodian.termination.World.OPERATOR;
import static dev.custodian.termination.World.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.hold.Hold;
import dev.custodian.internal.Json;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.SubprocessorInstruction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crashes the termination at every side-effect point in turn (state writes, evidence appends, the
 * export's streams and files, the key delivery, every deletion batch, every sub-processor
 * instruction, the key destruction), each time both just before and just after the call, and
 * resumes with a fresh library instance over the same stores. Whatever the point, the run ends
 * with the same outcome as an uninterrupted one.
 */
class TerminationFaultInjectionTest {
  /** The evidence key Custodian derives from the tests' pseudonymisation key. */
  private static final EvidenceKey EVIDENCE_KEY = EvidenceKey.derivedFrom(World.KEY);

  @ParameterizedTest
  @EnumSource(TerminationMode.class)
  void resumesAfterACrashAtAnyStepWithoutLosingOrOverDeleting_R_TERM_2_3_4_6_7(TerminationMode mode) {
    int crashPoint = 1;
    while (true) {
      World w = small(new World(new Crasher(crashPoint)));
      Run run = new Run(w, mode);
      run.toTheEnd();
      if (!w.crasher.fired()) {
        break;
      }
      run.assertOutcome("crash at point " + crashPoint);
      crashPoint++;
    }
    // The uninterrupted run, for reference, passes the same checks.
    World clean = small(new World());
    Run run = new Run(clean, mode);
    run.toTheEnd();
    run.assertOutcome("no crash");
    assertThat(crashPoint).as("crash points exercised").isGreaterThan(100);
  }

  /**
   * Data in one category of each kind (returnable, deleted, archived from the record's time and
   * from the contract end), held records in three of them; the other categories are empty. Keeps
   * each of the several hundred runs short.
   */
  static World small(World w) {
    w.populated = Set.of(CategoryId.CALL_RECORDING, CategoryId.TRANSCRIPTION,
        CategoryId.SMS_CONTENT, CategoryId.CALL_LOG, CategoryId.FAX);
    return w;
  }

  /** One termination driven to its end through crashes, with invariants watched throughout. */
  static final class Run {
    final World w;
    final TerminationMode mode;
    final List<String> violations = new ArrayList<>();
    Custodian cu;
    Hold hold;
    int crashes;
    CertificateOfDeletion certificate;
    Map<CategoryId, List<String>> atCertificate = new HashMap<>();
    Map<CategoryId, Long> returnedLines = new HashMap<>();

    Run(World w, TerminationMode mode) {
      this.w = w;
      this.mode = mode;
      w.crasher.paused(() -> {
        w.populate();
        cu = w.custodian();
        hold = w.placeHold(cu);
      });
      w.guard = sel -> {
        if (!sel.client().equals(ACME)) {
          violations.add("deletion for another client");
        }
        TerminationCase c = storedCase().orElse(null);
        if (c == null) {
          violations.add("deletion without a termination case");
        } else if (c.mode() == TerminationMode.RETURN
            && (c.delivery() == null || !c.delivery().acknowledged())) {
          violations.add("deletion of " + sel.category() + " before the return was acknowledged");
        }
      };
    }

    Optional<TerminationCase> storedCase() {
      return w.state.find(TerminationService.KIND, TerminationService.caseId(ACME))
          .map(s -> Json.read(s.body(), TerminationCase.class));
    }

    void toTheEnd() {
      for (int i = 0; i < 2000; i++) {
        try {
          if (step()) {
            return;
          }
        } catch (Crasher.SimulatedCrash crash) {
          crashes++;
          // The crashed node's lease must run out before another instance takes the case over.
          w.clock.advance(World.LEASE.plusSeconds(1));
          cu = w.custodian();
        }
      }
      throw new AssertionError("the termination did not finish; case: " + storedCase());
    }

    /** Does the next thing a host, a client or an operator would do; true once closed. */
    boolean step() {
      TerminationService t = cu.terminations();
      Optional<TerminationCase> found = t.find(ACME);
      if (found.isEmpty()) {
        t.open(OPERATOR, ACME, T);
        return false;
      }
      TerminationCase c = found.get();
      Instant now = w.clock.instant();
      switch (c.phase()) {
        case AWAITING_CHOICE -> {
          if (c.choice() == null && mode == TerminationMode.RETURN) {
            t.chooseReturn(ADMIN, ACME, true);
            return false;
          }
          if (c.choice() == null && mode == TerminationMode.DELETE) {
            t.chooseDelete(ADMIN, ACME);
            return false;
          }
        }
        case AWAITING_ACKNOWLEDGEMENT -> {
          if (!c.delivery().acknowledged()) {
            ManifestCheck check = ReturnArchiveVerifier.verify(w.sink, ACME,
                c.delivery().archiveId(), c.delivery().manifestSha256());
            if (!check.intact()) {
              violations.add("delivered archive does not match its manifest: " + check.problems());
            }
            readReturned(c);
            t.acknowledgeReturn(ADMIN, ACME, c.delivery().manifestSha256());
            return false;
          }
        }
        case AWAITING_SUB_PROCESSORS -> {
          for (TerminationCase.SubprocessorStep s : c.subProcessors()) {
            if (s.sentAt() != null && !s.acknowledged()) {
              t.acknowledgeSubProcessor(OPERATOR, ACME, s.name(), "ref-" + s.name());
              return false;
            }
          }
        }
        case CERTIFIED -> {
          if (hold.active() && cu.holds().active(OPERATOR, ACME).stream().anyMatch(h -> h.id().equals(hold.id()))) {
            snapshotAtCertificate(t);
            w.crasher.paused(() -> cu.holds().release(OPERATOR, hold.id(), "order lifted"));
            return false;
          }
        }
        case CLOSED -> {
          return true;
        }
        default -> { }
      }
      if (c.nextCheck() != null && c.nextCheck().isAfter(now)) {
        w.clock.set(c.nextCheck());
      }
      t.runDue();
      return false;
    }

    void readReturned(TerminationCase c) {
      String archive = c.delivery().archiveId();
      byte[] key = w.sink.deliveredKey(ACME, archive).orElseThrow();
      for (String file : w.sink.fileNames(ACME, archive)) {
        if (file.equals(ReturnManifest.FILE_NAME)) {
          continue;
        }
        try {
          String text = TerminationEndToEndTest.decrypt(w.sink.bytes(ACME, archive, file).orElseThrow(), key);
          returnedLines.put(CategoryId.of(file.substring(0, file.indexOf('.'))), text.lines().count());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    void snapshotAtCertificate(TerminationService t) {
      certificate = t.certificate(ADMIN, ACME).orElseThrow();
      for (CategoryId cat : CategoryId.ANNEX_A) {
        atCertificate.put(cat, w.remaining(cat));
      }
    }

    void assertOutcome(String label) {
      assertThat(violations).as(label).isEmpty();
      assertThat(certificate).as(label + ": certificate issued").isNotNull();
      assertThat(CertificateVerifier.verify(certificate, w.evidence, EVIDENCE_KEY).problems()).as(label).isEmpty();
      assertThat(cu.evidence().verify().valid()).as(label + ": evidence chain").isTrue();
      // Each step's evidence once, however the crashes fell (issue 16, finding 3).
      Map<String, Long> perStep = w.evidence.readAll(1, 100_000).stream()
          .filter(e -> e.step() != null)
          .collect(Collectors.groupingBy(e -> e.step(), Collectors.counting()));
      assertThat(perStep).as(label + ": steps logged twice").allSatisfy((step, n) -> assertThat(n).as(step).isEqualTo(1L));
      assertThat(w.evidence.readAll(1, 100_000).stream()
          .filter(e -> e.action().startsWith("termination.") && !e.action().endsWith(".batch")))
          .as(label + ": termination entries name their step").allMatch(e -> e.step() != null);
      if (certificate.returnArchive() != null) {
        // An export the crash interrupted was removed, none of its files left (R-TERM-3).
        assertThat(certificate.returnArchive().partialFilesLeft()).as(label).isZero();
        TerminationCase.ReturnDelivery d = storedCase().orElseThrow().delivery();
        for (int i = 1; i < d.attempt(); i++) {
          String abandoned = TerminationService.caseId(ACME) + "-return-" + i;
          assertThat(w.sink.fileNames(ACME, abandoned)).as(label + " " + abandoned).isEmpty();
          assertThat(d.discardedArchives()).as(label).contains(abandoned);
        }
      }
      for (CertificateOfDeletion.CategoryLine l : certificate.categories()) {
        CategoryId cat = l.category();
        List<String> left = atCertificate.get(cat);
        int initial = w.populated.contains(cat) ? 3 : 0;
        boolean held = initial > 0 && World.HELD_CATEGORIES.contains(cat);
        assertThat(l.disposition()).as(label + " " + cat)
            .isEqualTo(TerminationEndToEndTest.expected(cat, mode));
        switch (l.disposition()) {
          case DELETE, RETURN_THEN_DELETE -> {
            // The certificate's counts are what really happened to the host's data.
            assertThat(l.deleted()).as(label + " " + cat).isEqualTo(initial - left.size());
            assertThat(l.held()).as(label + " " + cat).isEqualTo(left.size());
            assertThat(left).as(label + " " + cat + ": held records survive")
                .isEqualTo(held ? List.of("acme-" + cat + "-1") : List.of());
            long returned = returnedLines.getOrDefault(cat, 0L);
            assertThat(l.returned()).as(label + " " + cat + " returned").isEqualTo(returned);
            assertThat(returned).isEqualTo(l.disposition() == Disposition.RETURN_THEN_DELETE ? initial : 0);
          }
          case LEGAL_ARCHIVE -> {
            assertThat(left).as(label + " " + cat + ": archived records survive").hasSize(initial);
            assertThat(l.archived() + l.held()).as(label + " " + cat).isEqualTo(initial);
            assertThat(l.held()).isEqualTo(held ? 1 : 0);
          }
          case NOT_CLIENT_DATA -> assertThat(left).hasSize(initial);
          case NOT_STORED -> assertThat(left).isEmpty();
        }
      }
      // Every sub-processor got its instruction, under one stable id however often it was re-sent.
      Map<String, Set<String>> ids = w.sender.sent().stream().collect(Collectors.groupingBy(
          SubprocessorInstruction::subProcessor,
          Collectors.mapping(SubprocessorInstruction::instructionId, Collectors.toSet())));
      assertThat(ids.keySet()).as(label).containsExactlyInAnyOrderElementsOf(World.SUB_PROCESSORS);
      assertThat(ids.values()).as(label).allMatch(s -> s.size() == 1);
      // At the end: nothing of the client's data is left, its key is gone, the other client's
      // data is intact.
      assertThat(w.keys.isDestroyed(ACME)).as(label).isTrue();
      for (CategoryId cat : CategoryId.ANNEX_A) {
        assertThat(w.remaining(cat)).as(label + " " + cat)
            .hasSize(cat.equals(CategoryId.CRM_CONTACT) && w.populated.contains(cat) ? 3 : 0);
      }
      assertThat(w.host.size()).as(label + ": the other client's records")
          .isEqualTo(w.populated.size());
      assertThat(cu.terminations().erasureLedger().entries(ACME)).as(label)
          .allMatch(e -> e.completedAt() != null || e.erased() == 0);
    }
  }
}
