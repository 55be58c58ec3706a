package dev.custodian.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Evidence action names live in one place per duty: a {@code <Duty>Actions} class of constants
 * (R-EVID-1: hosts and auditors read the log by these names, so they must be findable and stable).
 */
class EvidenceActionNamesTest {

  private static final Path MAIN = Path.of("src/main/java/dev/custodian");

  /** A literal shaped like an action of a duty, e.g. {@code "retention.sweep.batch"}. */
  private static final Pattern ACTION_LITERAL = Pattern.compile(
      "\"((?:dsr|authority|instruction|retention|hold|breach|audit|termination|subprocessor"
          + "|pseudonymization|erasure)\\.[a-z_]+(?:\\.[a-z_]+)*)\"");

  @Test
  void noActionNameIsWrittenOutsideItsDutysActionsClass_R_EVID_1() throws Exception {
    java.util.Set<String> declared = new java.util.HashSet<>();
    for (Class<?> type : actionClasses()) {
      for (Field f : type.getDeclaredFields()) {
        if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
          declared.add((String) f.get(null));
        }
      }
    }
    List<String> strays = new ArrayList<>();
    for (Path file : sources()) {
      if (file.getFileName().toString().endsWith("Actions.java")) {
        continue;
      }
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = ACTION_LITERAL.matcher(lines.get(i));
        while (m.find()) {
          // Two-part names such as "dsr.case" are also state kinds; three parts are always actions.
          if (!declared.contains(m.group(1)) && m.group(1).split("\\.").length < 3) {
            continue;
          }
          strays.add(MAIN.relativize(file) + ":" + (i + 1) + " " + m.group(1));
        }
      }
    }
    assertThat(strays).as("action names written as literals instead of <Duty>Actions constants")
        .isEmpty();
  }

  @Test
  void everyActionConstantIsAPublicUniqueNameOfItsDuty_R_EVID_1() throws Exception {
    Map<String, String> seen = new HashMap<>();
    List<Class<?>> classes = actionClasses();
    assertThat(classes).isNotEmpty();
    for (Class<?> type : classes) {
      assertThat(Modifier.isFinal(type.getModifiers()) && Modifier.isPublic(type.getModifiers()))
          .as("%s is public and final", type.getName()).isTrue();
      for (Field f : type.getDeclaredFields()) {
        if (f.isSynthetic()) {
          continue;
        }
        int mod = f.getModifiers();
        assertThat(Modifier.isPublic(mod) && Modifier.isStatic(mod) && Modifier.isFinal(mod)
            && f.getType() == String.class).as("%s.%s is a public constant", type.getSimpleName(),
            f.getName()).isTrue();
        String value = (String) f.get(null);
        assertThat(value).as("%s.%s", type.getSimpleName(), f.getName()).matches(ACTION_LITERAL
            .pattern().substring(1, ACTION_LITERAL.pattern().length() - 1));
        String before = seen.put(value, type.getSimpleName() + "." + f.getName());
        assertThat(before).as("%s declared twice", value).isNull();
      }
    }
  }

  /** Every {@code *Actions} class of core's main code, loaded by name. */
  static List<Class<?>> actionClasses() throws IOException, ClassNotFoundException {
    List<Class<?>> result = new ArrayList<>();
    for (Path file : sources()) {
      String name = file.getFileName().toString();
      if (name.endsWith("Actions.java")) {
        String fqcn = Path.of("src/main/java").relativize(file).toString()
            .replace(java.io.File.separatorChar, '.').replaceAll("\\.java$", "");
        result.add(Class.forName(fqcn));
      }
    }
    return result;
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }
}
