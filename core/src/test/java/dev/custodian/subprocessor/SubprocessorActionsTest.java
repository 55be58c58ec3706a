package dev.custodian.subprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.spi.Subprocessor;
import dev.custodian.spi.SubprocessorNoticeSender;
import dev.custodian.spi.TransferMechanism;
import dev.custodian.testing.MutableClock;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every evidence action the registry appends is a constant of {@link SubprocessorActions}. */
class SubprocessorActionsTest {
  private static final ClientId ACME = ClientId.of("acme");
  private static final ProcessorPrincipal OPERATOR =
      ProcessorPrincipal.of("op-1", ProcessorRole.OPERATOR);
  private static final ClientPrincipal ACME_ADMIN =
      ClientPrincipal.of("acme-admin", ACME, ClientRole.ADMINISTRATOR);
  private static final Subprocessor NEWCO = new Subprocessor("newco", "NEWCO",
      "Hébergement de secours", "DE", TransferMechanism.NONE_INSIDE_EEA, null, "DPA-2026-014");

  static Set<String> declared() throws IllegalAccessException {
    Set<String> values = new TreeSet<>();
    List<String> all = new ArrayList<>();
    for (Field f : SubprocessorActions.class.getDeclaredFields()) {
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
    assertThat(declared()).isNotEmpty().allMatch(a -> a.startsWith("subprocessor."));
  }

  @Test
  void everyActionTheRegistryAppendsIsDeclared() throws Exception {
    MutableClock clock = MutableClock.atParis("2026-04-28T10:00");
    InMemoryEvidenceStore store = new InMemoryEvidenceStore();
    SubprocessorNoticeSender sender = mock(SubprocessorNoticeSender.class);
    when(sender.clientsUnderContract()).thenReturn(List.of(ACME));
    SubprocessorRegistry registry = new SubprocessorRegistry(new InMemoryStateStore(),
        new EvidenceLog(store, clock), clock, SubprocessorSettings.defaults().withSender(sender));

    SubprocessorChange change =
        registry.announceAddition(OPERATOR, NEWCO, LocalDate.parse("2026-06-01"));
    clock.setParis("2026-04-30T09:00");
    registry.recordReceipt(OPERATOR, change.id(), ACME, LocalDate.parse("2026-04-29"));
    Objection o = registry.object(ACME_ADMIN, change.id(), "servers must stay in France");
    registry.propose(OPERATOR, o.id(), Objection.Status.ALTERNATIVE_PROPOSED, "a French host");
    registry.close(ACME_ADMIN, o.id(), Objection.Status.ACCEPTED);

    Set<String> appended = new TreeSet<>();
    store.readAll(1, 10_000).stream().map(EvidenceEntry::action).forEach(appended::add);
    assertThat(appended).as("the scenario reaches every action").isEqualTo(declared());
  }

  @Test
  void theRegistryWritesNoActionAsALiteral() throws IOException {
    assertThat(literalActions(Path.of("src/main/java/dev/custodian/subprocessor"),
        "subprocessor", "SubprocessorActions.java")).isEmpty();
  }

  /** Quoted action-like strings ({@code "duty.x.y"}) in a package's sources but its constants. */
  static List<String> literalActions(Path dir, String duty, String constants) throws IOException {
    Pattern action = Pattern.compile("\"(" + duty + "\\.[a-z_]+\\.[a-z_.]+)\"");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        if (f.getFileName().toString().equals(constants)) {
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
