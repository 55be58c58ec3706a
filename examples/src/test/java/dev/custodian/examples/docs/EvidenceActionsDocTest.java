package dev.custodian.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/duties.md} lists every evidence action of core, by the constant that names it
 * (R-EVID-1: what an auditor reads in the log is documented, and nothing documented is gone).
 */
class EvidenceActionsDocTest {
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z_.]+)`\\s*\\|\\s*`([A-Za-z]+)\\.([A-Z_]+)`\\s*\\|");

  @Test
  void everyEvidenceActionIsListedInTheDutiesPageByItsConstant_R_EVID_1() throws Exception {
    Set<String> declared = new TreeSet<>();
    for (Path file : SourceTree.javaSources("main")) {
      String path = file.toString().replace('\\', '/');
      if (!path.contains("/core/src/main/java/") || !path.endsWith("Actions.java")) {
        continue;
      }
      String fqcn = path.substring(path.indexOf("/core/src/main/java/") + 20, path.length() - 5)
          .replace('/', '.');
      Class<?> type = Class.forName(fqcn);
      for (Field f : type.getDeclaredFields()) {
        if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())
            && Modifier.isPublic(f.getModifiers())) {
          declared.add("`" + f.get(null) + "` | `" + type.getSimpleName() + "." + f.getName() + "`");
        }
      }
    }
    assertThat(declared).as("the *Actions classes of core").isNotEmpty();

    Set<String> documented = new TreeSet<>();
    List<String> lines = SourceTree.read(SourceTree.root().resolve("docs/duties.md")).lines().toList();
    List<String> malformed = new ArrayList<>();
    boolean inSection = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        inSection = line.startsWith("## Evidence actions");
        continue;
      }
      if (inSection && line.startsWith("| `")) {
        Matcher m = ROW.matcher(line);
        if (m.find()) {
          documented.add("`" + m.group(1) + "` | `" + m.group(2) + "." + m.group(3) + "`");
        } else {
          malformed.add(line);
        }
      }
    }
    assertThat(malformed).as("rows of the evidence actions table").isEmpty();
    assertThat(documented).as("docs/duties.md, section 'Evidence actions'")
        .containsExactlyInAnyOrderElementsOf(declared);
  }
}
