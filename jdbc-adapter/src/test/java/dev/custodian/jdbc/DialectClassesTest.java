package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every difference between databases lives in one dialect class: nobody else asks which one. */
class DialectClassesTest {
  private static final Set<String> DIALECT_CLASSES = Set.of("Dialect.java", "SqlDialect.java",
      "PostgresDialect.java", "MariaDbDialect.java", "H2Dialect.java");
  private static final Pattern ASKS_WHICH = Pattern.compile(
      "Dialect\\.(POSTGRESQL|MARIADB|H2)\\b|\\bcase (POSTGRESQL|MARIADB|H2)\\b"
          + "|switch \\([^)]*[dD]ialect\\(?\\)?\\)");

  @Test
  void eachDialectNamesItsOwnSqlClass() {
    for (Dialect d : Dialect.values()) {
      assertThat(d.sql().dialect()).isSameAs(d);
    }
    assertThat(Dialect.POSTGRESQL.sql()).isInstanceOf(PostgresDialect.class);
    assertThat(Dialect.MARIADB.sql()).isInstanceOf(MariaDbDialect.class);
    assertThat(Dialect.H2.sql()).isInstanceOf(H2Dialect.class);
    assertThat(Dialect.POSTGRESQL.sql().sweep()).isInstanceOf(ReturningSweep.class);
    assertThat(Dialect.MARIADB.sql().sweep()).isInstanceOf(KeyListSweep.class);
    assertThat(Dialect.H2.sql().sweep()).isInstanceOf(KeyListSweep.class);
  }

  @Test
  void noMainClassOutsideTheDialectClassesComparesDialects() throws IOException {
    Path main = Path.of("src/main/java/dev/custodian/jdbc");
    assertThat(main).isDirectory();
    List<String> offenders;
    try (Stream<Path> files = Files.list(main)) {
      offenders = files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !DIALECT_CLASSES.contains(f.getFileName().toString()))
          .filter(f -> ASKS_WHICH.matcher(read(f)).find())
          .map(f -> f.getFileName().toString()).toList();
    }
    assertThat(offenders).as("classes that ask which database they talk to").isEmpty();
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
