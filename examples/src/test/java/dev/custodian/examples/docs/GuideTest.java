package dev.custodian.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the user guide (docs/guide) honest: every Java block of a page is, in order, one of the
 * regions between {@code // GUIDE:begin} and {@code // GUIDE:end} of the test class the page names
 * in its {@code <!-- code: PATH -->} line, so the guide's code compiles and runs with the build;
 * every relative link of a page leads to a file.
 */
class GuideTest {
  private static final Pattern CODE = Pattern.compile("<!-- code: (\\S+) -->");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)");
  private final Path root = SourceTree.root();
  private final Path guide = root.resolve("docs").resolve("guide");

  @Test
  void theGuideHasItsPages() {
    for (String page : List.of("README.md", "holds.md", "retention-settings.md",
        "testing-your-policy.md", "testing-your-host.md", "roles.md", "terminations.md", "evidence.md",
        "configuration.md")) {
      assertThat(guide.resolve(page)).as("docs/guide/" + page).isRegularFile();
    }
    assertThat(SourceTree.read(root.resolve("README.md"))).contains("docs/guide/README.md");
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockIsCompiledCode() {
    return pages().stream().map(page -> DynamicTest.dynamicTest(page.getFileName().toString(), () -> {
      String text = SourceTree.read(page);
      List<String> blocks = blocks(text);
      Matcher m = CODE.matcher(text);
      if (blocks.isEmpty()) {
        return;
      }
      assertThat(m.find()).as(page + " names the class holding its code").isTrue();
      String source = SourceTree.read(root.resolve(m.group(1)));
      List<String> regions = regions(source);
      assertThat(blocks.stream().map(GuideTest::normalise).toList())
          .as(page + ": its Java blocks, in order, are the GUIDE regions of " + m.group(1))
          .isEqualTo(regions.stream().map(GuideTest::normalise).toList());
    }));
  }

  @TestFactory
  Stream<DynamicTest> relativeLinksLeadToFiles() {
    return pages().stream().map(page -> DynamicTest.dynamicTest(page.getFileName().toString(), () -> {
      Matcher m = LINK.matcher(SourceTree.read(page));
      List<String> broken = new ArrayList<>();
      while (m.find()) {
        if (!Files.exists(page.getParent().resolve(m.group(1)).normalize())) {
          broken.add(m.group(1));
        }
      }
      assertThat(broken).as(page + " links to missing files").isEmpty();
    }));
  }

  private List<Path> pages() {
    try (Stream<Path> files = Files.list(guide)) {
      return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> blocks(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<String> regions(String source) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("// GUIDE:begin\\n(.*?)// GUIDE:end", Pattern.DOTALL).matcher(source);
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
