package dev.custodian.termination;

import static dev.custodian.termination.World.ACME;
import static dev.custodian.termination.World.ADMIN;
import static dev.custodian.termination.World.GLOBEX;
import static dev.custodian.termination.World.OPERATOR;
import static dev.custodian.termination.World.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.hold.Hold;
import dev.custodian.terms.CategoryId;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every evidence action the termination duty appends is a constant of {@link TerminationActions}. */
class TerminationActionsTest {

  static Set<String> declared() throws IllegalAccessException {
    Set<String> values = new TreeSet<>();
    List<String> all = new ArrayList<>();
    for (Field f : TerminationActions.class.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m)
          && f.getType() == String.class) {
        String v = (String) f.get(null);
        all.add(v);
        values.add(v);
      }
    }
    assertThat(all).as("no two constants share a value").doesNotHaveDuplicates();
    return values;
  }

  @Test
  void everyDeclaredActionIsTheDutys() throws Exception {
    assertThat(declared()).isNotEmpty().allMatch(a -> a.startsWith("termination."));
  }

  /**
   * One return with everything that can happen on the way (a failed send, an interrupted export, a
   * tampered archive, late acknowledgements, tokens, a legal access, archives and a hold running
   * out) and one deletion by default: together they append every declared action.
   */
  @Test
  void everyActionTheDutyAppendsIsDeclared() throws Exception {
    World w = new World();
    w.populated = Set.of(CategoryId.CALL_RECORDING, CategoryId.FAX, CategoryId.SMS_CONTENT);
    w.populate();
    Crasher crash = new Crasher("sink close ");
    int[] sends = {0};
    Custodian cu = Custodian.builder().clock(w.clock).stateStore(w.state)
        .erasureLedgerStore(w.ledgerState).evidenceStore(w.evidence).hostData(w.host)
        .archiveSink(new Crashing.Sink(w.sink, crash)).keyCustody(w.keys)
        .subProcessorInstructionSender(i -> {
          if (sends[0]++ == 0) {
            throw new IllegalStateException("sub-processor API down");
          }
        })
        .subProcessorsOf(c -> c.equals(ACME) ? Set.of("AWS") : Set.of())
        .terminationOptions(w.options).workQueue(w.queue).pseudonymizationKey(World.KEY).build();
    TerminationService t = cu.terminations();
    Hold hold = w.placeHold(cu);
    t.open(OPERATOR, ACME, T);
    t.open(OPERATOR, GLOBEX, T);
    t.chooseReturn(ADMIN, ACME, false);

    // The first send fails; the export stops half-way through.
    w.clock.set(T);
    assertThatThrownBy(t::runDue).isInstanceOf(Crasher.SimulatedCrash.class);
    w.clock.advance(World.LEASE);
    t.runDue();
    assertThat(t.find(ACME).orElseThrow().phase())
        .isEqualTo(TerminationPhase.AWAITING_ACKNOWLEDGEMENT);
    w.clock.advance(Duration.ofHours(2));
    t.runDue();

    // The client downloads the archive; a forged token is refused.
    DownloadToken token = t.issueDownloadToken(ADMIN, ACME);
    assertThat(t.redeemDownloadToken(ACME, token.token())).isPresent();
    String forged = token.token().substring(0, token.token().length() - 1)
        + (token.token().endsWith("A") ? "B" : "A");
    assertThat(t.redeemDownloadToken(ACME, forged)).isEmpty();
    cu.processingGate().openLegalArchive(OPERATOR, ACME, CategoryId.FAX,
        "requisition under CPCE L.34-1, ref. PJ-2026-88");

    // Nobody answers for a month; GLOBEX never chose.
    w.clock.set(T.plus(Duration.ofDays(31)));
    t.runDue();

    // A tampered file fails the processor's check; the genuine one passes it.
    String archive = t.find(ACME).orElseThrow().delivery().archiveId();
    String file = w.sink.fileNames(ACME, archive).stream().filter(f -> f.endsWith(".ndjson"))
        .findFirst().orElseThrow();
    byte[] genuine = w.sink.bytes(ACME, archive, file).orElseThrow();
    byte[] flipped = genuine.clone();
    flipped[flipped.length / 2] ^= 0x20;
    w.sink.replace(ACME, archive, file, flipped);
    assertThat(t.verifyReturn(OPERATOR, ACME).intact()).isFalse();
    w.sink.replace(ACME, archive, file, genuine);
    assertThat(t.verifyReturn(OPERATOR, ACME).intact()).isTrue();
    t.acknowledgeSubProcessor(OPERATOR, ACME, "AWS", "AWS-1");
    t.runDue();
    assertThat(t.find(ACME).orElseThrow().phase()).isEqualTo(TerminationPhase.CERTIFIED);

    // The legal archive's year ends; then the hold is released.
    w.clock.set(T.plus(Duration.ofDays(366)));
    t.runDue();
    cu.holds().release(OPERATOR, hold.id(), "proceedings closed");
    w.clock.advance(Duration.ofDays(61));
    t.runDue();
    assertThat(t.find(ACME).orElseThrow().phase()).isEqualTo(TerminationPhase.CLOSED);

    Set<String> appended = new TreeSet<>();
    w.evidence.readAll(1, 100_000).stream().map(EvidenceEntry::action)
        .filter(a -> a.startsWith("termination.")).forEach(appended::add);
    assertThat(appended).as("the scenario reaches every action").isEqualTo(declared());
  }

  @Test
  void theDutyWritesNoActionAsALiteral() throws IOException {
    assertThat(literalActions(Path.of("src/main/java/dev/custodian/termination"))).isEmpty();
  }

  /** Quoted action-like strings ({@code "termination.x"}) in the package's sources. */
  private static List<String> literalActions(Path dir) throws IOException {
    Pattern action = Pattern.compile("\"(termination\\.[a-z_]+(\\.[a-z_]+)*)\"");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        if (f.getFileName().toString().equals("TerminationActions.java")) {
          continue;
        }
        Matcher m = action.matcher(Files.readString(f));
        while (m.find()) {
          found.add(f.getFileName() + ": " + m.group(1));
        }
      }
    }
    return found;
  }
}
