package dev.custodian.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.examples.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README honest: its Quick start is two commands, the first building the jar this module
 * makes; its Java example is the code of {@code GettingStarted}, which compiles; the commands it
 * lists exist; its links lead to files. (The Quick start itself is run from a clean clone by
 * {@code DemoJarIT}'s jar and by CI's {@code ./mvnw -B verify}.)
 */
class ReadmeTest {
  private final Path root = SourceTree.root();
  private final String readme = SourceTree.read(root.resolve("README.md"));

  @Test
  void quickStartIsExactlyTwoCommandsBuildingAndRunningTheDemoThenTheTests() {
    String section = section("## Quick start");
    List<String> commands = codeBlocks(section, "sh").get(0).lines()
        .filter(l -> !l.isBlank()).toList();
    assertThat(commands).hasSize(2);
    assertThat(commands.get(0)).startsWith("./mvnw ").contains("-DskipTests")
        .contains("&& java -jar examples/target/custodian.jar");
    assertThat(commands.get(1)).startsWith("./mvnw -B verify");
    // The jar the first command runs is the one this module builds.
    assertThat(SourceTree.read(root.resolve("examples").resolve("pom.xml")))
        .contains("<finalName>custodian</finalName>");
  }

  @Test
  void theJavaExampleIsTheCompiledGettingStartedCode() {
    String source = SourceTree.read(root.resolve(
        "examples/src/main/java/dev/custodian/examples/GettingStarted.java"));
    String region = source.substring(source.indexOf("// README:begin") + "// README:begin".length(),
        source.indexOf("// README:end"));
    List<String> java = codeBlocks(readme, "java");
    assertThat(java).isNotEmpty();
    assertThat(normalise(java.get(0))).isEqualTo(normalise(region));
  }

  @Test
  void everyCommandOfTheToolIsListedAndExists() {
    String section = section("## The command-line tool");
    String help = CliRun.inProcess("--help").out();
    for (String command : List.of("demo", "schedule", "subprocessors", "notice-deadline",
        "objection-deadline", "dsar-deadline", "plan", "verify-evidence", "compliance-pack")) {
      assertThat(section).as("README lists " + command).contains("| `" + command);
      assertThat(help).as("the tool has " + command).contains("  " + command + " ");
    }
  }

  @Test
  void theConsoleExampleIsWhatTheToolPrints() {
    String section = section("## The command-line tool");
    String block = codeBlocks(section, "console").get(0);
    List<String> lines = block.lines().toList();
    String[] args = lines.get(0).replaceFirst("^\\$ java -jar examples/target/custodian.jar ", "")
        .split(" ");
    CliRun run = CliRun.inProcess(args);
    assertThat(run.exitCode()).isZero();
    for (String expected : lines.subList(1, lines.size())) {
      assertThat(run.out()).contains(expected);
    }
  }

  @Test
  void relativeLinksLeadToFiles() {
    Matcher m = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)").matcher(readme);
    List<String> broken = new ArrayList<>();
    while (m.find()) {
      String target = m.group(1);
      if (target.startsWith("../")) {
        continue; // the shared folder beside the repository
      }
      if (!Files.exists(root.resolve(target))) {
        broken.add(target);
      }
    }
    assertThat(broken).as("README links to missing files").isEmpty();
  }

  @Test
  void theDutiesTableAndItsDetailAreKept() {
    assertThat(readme).contains("## Duties and where they live").contains("docs/duties.md");
    // Built from the duty groups, so that this test cites no duty id itself.
    DutyTraceabilityTest.DUTY_GROUPS.forEach((group, n) -> {
      if (n > 2) {
        assertThat(readme).contains("R-" + group + "-1 to R-" + group + "-" + n);
      }
    });
  }

  private String section(String heading) {
    int start = readme.indexOf("\n" + heading + "\n");
    assertThat(start).as(heading).isNotNegative();
    int end = readme.indexOf("\n## ", start + heading.length() + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  private static List<String> codeBlocks(String text, String language) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String normalise(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty())
        .reduce("", (a, b) -> a + b + "\n");
  }
}
