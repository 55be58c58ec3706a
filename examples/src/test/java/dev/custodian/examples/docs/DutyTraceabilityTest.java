package dev.custodian.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Duty traceability: every duty of the contract is listed in {@code docs/duties.md} with the
 * classes that carry it out and the tests that prove it, those classes and tests exist, and every
 * duty is cited by at least one test of the repository (a test name or comment holding its id, as
 * {@code R_DSR_3} or {@code R-DSR-3}).
 */
class DutyTraceabilityTest {
  /** The duty ids of REQUIREMENTS.md, by group: the contract's duties do not change silently. */
  static final Map<String, Integer> DUTY_GROUPS = new LinkedHashMap<>();

  static {
    DUTY_GROUPS.put("DSR", 8);
    DUTY_GROUPS.put("AUTH", 3);
    DUTY_GROUPS.put("ASSIST", 2);
    DUTY_GROUPS.put("RET", 6);
    DUTY_GROUPS.put("HOLD", 2);
    DUTY_GROUPS.put("TERM", 8);
    DUTY_GROUPS.put("SUB", 5);
    DUTY_GROUPS.put("BR", 4);
    DUTY_GROUPS.put("AUD", 2);
    DUTY_GROUPS.put("ACC", 2);
    DUTY_GROUPS.put("EVID", 3);
  }

  private static final Pattern REQUIREMENT_ID = Pattern.compile("\\*\\*(R-[A-Z]+-\\d+)\\*\\*");
  private static final Pattern TABLE_ROW =
      Pattern.compile("^\\|\\s*(R-[A-Z]+-\\d+)\\s*\\|([^|]*)\\|([^|]*)\\|([^|]*)\\|\\s*$");
  private static final Pattern TICKED = Pattern.compile("`([A-Za-z0-9_.#]+)`");

  static Set<String> duties() {
    Set<String> ids = new LinkedHashSet<>();
    DUTY_GROUPS.forEach((group, n) -> {
      for (int i = 1; i <= n; i++) {
        ids.add("R-" + group + "-" + i);
      }
    });
    return ids;
  }

  @Test
  void theDutyListMatchesTheRequirements() {
    Path requirements = SourceTree.requirements().orElse(null);
    if (requirements == null) {
      // The shared folder sits beside the repository in every checkout of the project; without
      // it, the hard-coded list above stands alone.
      return;
    }
    Set<String> fromRequirements = new LinkedHashSet<>();
    Matcher m = REQUIREMENT_ID.matcher(SourceTree.read(requirements));
    while (m.find()) {
      fromRequirements.add(m.group(1));
    }
    assertThat(fromRequirements).as("duty ids of %s", requirements)
        .containsExactlyInAnyOrderElementsOf(duties());
  }

  @Test
  void dutiesMdHasOneRowPerDutyWithItsClassesAndTests() {
    Map<String, Row> rows = dutiesMd();
    assertThat(rows.keySet()).as("duty rows of docs/duties.md")
        .containsExactlyInAnyOrderElementsOf(duties());
    List<String> empty = new ArrayList<>();
    rows.values().forEach(r -> {
      if (r.classes().isEmpty()) {
        empty.add(r.id() + " names no class");
      }
      if (r.tests().isEmpty()) {
        empty.add(r.id() + " names no test");
      }
    });
    assertThat(empty).as("rows of docs/duties.md").isEmpty();
  }

  @Test
  void everyClassAndTestNamedInDutiesMdExists() {
    Map<String, String> mainSources = bySimpleName(SourceTree.javaSources("main"));
    Map<String, String> testSources = bySimpleName(SourceTree.testCode());
    List<String> missing = new ArrayList<>();
    for (Row r : dutiesMd().values()) {
      for (String c : r.classes()) {
        if (!mainSources.containsKey(c)) {
          missing.add(r.id() + ": class " + c);
        }
      }
      for (String t : r.tests()) {
        String[] parts = t.split("#", 2);
        String source = testSources.get(parts[0]);
        if (source == null) {
          missing.add(r.id() + ": test class " + parts[0]);
        } else if (parts.length == 2 && !source.contains(parts[1])) {
          missing.add(r.id() + ": test " + t);
        }
      }
    }
    assertThat(missing).as("names in docs/duties.md with no source file").isEmpty();
  }

  @Test
  void everyDutyIsCitedByATest() {
    Map<String, Set<String>> citedBy = citations();
    Set<String> uncited = new TreeSet<>(duties());
    uncited.removeAll(citedBy.keySet());
    assertThat(uncited)
        .as("duties no test cites (name a test or comment it with e.g. R_DSR_3)")
        .isEmpty();
  }

  /** Duty id to the test files citing it, over every module's test code (the test kit's included) but this file's. */
  static Map<String, Set<String>> citations() {
    Map<String, Set<String>> citedBy = new LinkedHashMap<>();
    for (Path file : SourceTree.testCode()) {
      if (file.getFileName().toString().equals(DutyTraceabilityTest.class.getSimpleName() + ".java")) {
        continue;
      }
      String text = SourceTree.read(file);
      for (String id : duties()) {
        if (cites(text, id)) {
          citedBy.computeIfAbsent(id, k -> new TreeSet<>()).add(file.getFileName().toString());
        }
      }
    }
    return citedBy;
  }

  /** True if {@code text} holds {@code id} as R-DSR-3 or R_DSR_3, not as a prefix of R-DSR-30. */
  static boolean cites(String text, String id) {
    String pattern = id.replace("-", "[-_]");
    return Pattern.compile("(?<![A-Za-z0-9])" + pattern + "(?![0-9])").matcher(text).find();
  }

  record Row(String id, List<String> classes, List<String> tests) {}

  static Map<String, Row> dutiesMd() {
    Path file = SourceTree.root().resolve("docs").resolve("duties.md");
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : SourceTree.read(file).lines().toList()) {
      Matcher m = TABLE_ROW.matcher(line);
      if (m.matches()) {
        rows.put(m.group(1), new Row(m.group(1), ticked(m.group(3)), ticked(m.group(4))));
      }
    }
    return rows;
  }

  private static List<String> ticked(String cell) {
    List<String> out = new ArrayList<>();
    Matcher m = TICKED.matcher(cell);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static Map<String, String> bySimpleName(List<Path> files) {
    return files.stream().collect(Collectors.toMap(
        p -> p.getFileName().toString().replaceFirst("\\.java$", ""),
        SourceTree::read,
        (a, b) -> a + "\n" + b));
  }

  @Test
  void citationMatchesBothSpellingsButNotLongerIds() {
    assertThat(cites("void neverAnswers_R_DSR_3()", "R-DSR-3")).isTrue();
    assertThat(cites("// R-DSR-3: written, specific, prior", "R-DSR-3")).isTrue();
    assertThat(cites("R_DSR_30", "R-DSR-3")).isFalse();
    assertThat(cites("XR_DSR_3", "R-DSR-3")).isFalse();
  }
}
