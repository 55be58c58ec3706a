package dev.custodian.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.custodian.internal} is core's own: no other module of the build (adapters, starter,
 * examples, benchmarks, test kit) may name it, so core can change it freely. The other modules
 * cannot see core's test classes, so the check reads their sources from the checkout.
 */
class InternalStaysInCoreTest {

  private static final Pattern INTERNAL = Pattern.compile("\\bdev\\.custodian\\.internal\\b");

  @Test
  void noModuleOutsideCoreNamesCoresInternalPackage() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    assumeTrue(root != null && Files.isRegularFile(root.resolve("pom.xml"))
        && Files.isDirectory(root.resolve("core")), "run from core inside the project's checkout");
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(root)) {
      offenders = files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !root.relativize(f).startsWith("core"))
          .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/"))
          .filter(f -> INTERNAL.matcher(read(f)).find())
          .map(root::relativize)
          .collect(Collectors.toList());
    }
    assertThat(offenders).as("sources outside core that name dev.custodian.internal").isEmpty();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
