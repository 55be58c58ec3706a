package dev.custodian.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The source tree of this repository, as seen from the examples module's folder. */
final class SourceTree {
  private SourceTree() {}

  /** The repository's root: the folder above the module that holds the parent pom and core. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("core"))
          && Files.isDirectory(p.resolve("examples"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root above " + dir);
  }

  /** The shared requirements beside the repository (../shared/REQUIREMENTS.md), if present. */
  static Optional<Path> requirements() {
    for (Path p = root(); p != null; p = p.getParent()) {
      Path r = p.resolve("shared").resolve("REQUIREMENTS.md");
      if (Files.isRegularFile(r)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Every Java file under a {@code src/<kind>/java} folder of any module, sorted. */
  static List<Path> javaSources(String kind) {
    try (Stream<Path> files = Files.walk(root())) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.toString().contains(java.io.File.separator + "target" + java.io.File.separator))
          .filter(p -> p.toString().replace('\\', '/').contains("/src/" + kind + "/java/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every Java file of test code, sorted: each module's {@code src/test/java}, and the main code of
   * the test kit ({@code custodian-test}), whose contract suites are tests that hosts run.
   */
  static List<Path> testCode() {
    String kit = "/custodian-test/src/main/java/";
    return Stream.concat(javaSources("test").stream(),
            javaSources("main").stream().filter(p -> p.toString().replace('\\', '/').contains(kit)))
        .sorted()
        .toList();
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
