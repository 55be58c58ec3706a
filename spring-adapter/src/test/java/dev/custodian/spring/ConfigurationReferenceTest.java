package dev.custodian.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference of the user guide (docs/guide/configuration.md) lists every
 * {@code custodian.*} property the configuration processor generated metadata for, and the fields
 * of map values ({@code custodian.host-data.<CATEGORY>.table}, ...), and nothing else: adding a
 * property without its line, or leaving a line for a property that is gone, fails this test.
 */
class ConfigurationReferenceTest {
  private static final Pattern DOCUMENTED = Pattern.compile("`(custodian\\.[a-z0-9.<>A-Z_-]+)`");

  @Test
  void everyPropertyHasItsLineAndEveryLineItsProperty() throws IOException {
    Set<String> expected = new TreeSet<>();
    JsonNode metadata;
    try (InputStream in = getClass().getClassLoader()
        .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the configuration processor's metadata").isNotNull();
      metadata = new ObjectMapper().readTree(in);
    }
    for (JsonNode p : metadata.get("properties")) {
      String name = p.get("name").asText();
      expected.add(name);
      String type = p.path("type").asText("");
      Matcher value = Pattern.compile("java\\.util\\.Map<java\\.lang\\.String,([\\w.$]+)>").matcher(type);
      if (value.matches() && value.group(1).startsWith("dev.custodian.")) {
        for (Field f : classOf(value.group(1)).getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers())) {
            expected.add(name + ".*." + kebab(f.getName()));
          }
        }
      }
    }
    Set<String> documented = new TreeSet<>();
    Matcher m = DOCUMENTED.matcher(Files.readString(guide(), StandardCharsets.UTF_8));
    while (m.find()) {
      documented.add(m.group(1).replaceAll("<[^>]+>", "*"));
    }
    assertThat(documented).as("documented in docs/guide/configuration.md")
        .containsAll(expected);
    assertThat(expected).as("properties that exist").containsAll(documented);
  }

  private static Class<?> classOf(String binaryName) {
    try {
      return Class.forName(binaryName);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("metadata names a missing type " + binaryName, e);
    }
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static Path guide() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path doc = p.resolve("docs").resolve("guide").resolve("configuration.md");
      if (Files.isRegularFile(doc)) {
        return doc;
      }
    }
    throw new AssertionError("docs/guide/configuration.md not found above " + Path.of("").toAbsolutePath());
  }
}
