package dev.custodian.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custodian.terms.CategoryId;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Which of the host's tables holds which category: one {@link TableMapping} per category. Built in
 * code with {@link #builder()}, or loaded from a small file by {@link #load(Path)}.
 *
 * <p>JSON form:
 *
 * <pre>{@code
 * {"categories": [
 *   {"category": "CALL_LOG", "table": "call_log", "id": "id", "client": "client_id",
 *    "time": "started_at", "subjects": {"caller": "phone", "callee": "phone"},
 *    "restricted": "restricted"}
 * ]}
 * }</pre>
 *
 * <p>Properties form (one prefix per category; {@code subjects} lists {@code column:kind} pairs):
 *
 * <pre>
 * CALL_LOG.table=call_log
 * CALL_LOG.id=id
 * CALL_LOG.client=client_id
 * CALL_LOG.time=started_at
 * CALL_LOG.subjects=caller:phone,callee:phone
 * CALL_LOG.restricted=restricted
 * </pre>
 */
public final class HostDataMapping {
  private static final List<String> KNOWN =
      List.of("table", "id", "client", "time", "subjects", "restricted");
  private final Map<CategoryId, TableMapping> tables;

  private HostDataMapping(Map<CategoryId, TableMapping> tables) {
    this.tables = Map.copyOf(tables);
  }

  /** The mapping of each category, in category order. */
  public List<TableMapping> tables() {
    return tables.values().stream()
        .sorted((a, b) -> a.category().compareTo(b.category())).toList();
  }

  /** The mapping of {@code category}, if the host has that category. */
  public Optional<TableMapping> table(CategoryId category) {
    return Optional.ofNullable(tables.get(category));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link HostDataMapping}; at most one table per category. */
  public static final class Builder {
    private final Map<CategoryId, TableMapping> tables = new LinkedHashMap<>();

    private Builder() {}

    /** @throws IllegalArgumentException if the category is mapped already */
    public Builder table(TableMapping mapping) {
      Objects.requireNonNull(mapping, "mapping");
      if (tables.putIfAbsent(mapping.category(), mapping) != null) {
        throw new IllegalArgumentException("category " + mapping.category() + " is mapped twice");
      }
      return this;
    }

    public Builder tables(Collection<TableMapping> mappings) {
      mappings.forEach(this::table);
      return this;
    }

    /** @throws IllegalArgumentException if nothing is mapped */
    public HostDataMapping build() {
      if (tables.isEmpty()) {
        throw new IllegalArgumentException("a host-data mapping needs at least one category");
      }
      return new HostDataMapping(tables);
    }
  }

  /**
   * Loads a mapping file: JSON if its name ends in {@code .json}, Java properties otherwise.
   *
   * @throws IllegalArgumentException if the file is malformed or names are refused
   * @throws java.io.UncheckedIOException if it cannot be read
   */
  public static HostDataMapping load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read mapping file " + file, e);
    }
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
      return fromJson(text);
    }
    Properties p = new Properties();
    try (Reader r = new StringReader(text)) {
      p.load(r);
    } catch (IOException e) {
      throw new IllegalArgumentException("mapping file " + file + " is not a properties file", e);
    }
    return fromProperties(p);
  }

  /** Parses the JSON form. @throws IllegalArgumentException if malformed or names are refused */
  public static HostDataMapping fromJson(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("mapping is not valid JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode categories = root == null ? null : root.get("categories");
    if (categories == null || !categories.isArray()) {
      throw new IllegalArgumentException("mapping JSON needs a \"categories\" array");
    }
    Builder b = builder();
    for (JsonNode c : categories) {
      TableMapping.Builder t = TableMapping.builder(CategoryId.of(text(c, "category", true)))
          .table(text(c, "table", true)).id(text(c, "id", true)).client(text(c, "client", true))
          .time(text(c, "time", true)).restricted(text(c, "restricted", false));
      JsonNode subjects = c.get("subjects");
      if (subjects != null) {
        if (!subjects.isObject()) {
          throw new IllegalArgumentException(
              "mapping JSON: \"subjects\" must map column names to kinds (phone, email, user, sso)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = subjects.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> s = it.next();
          t.subject(s.getKey(), SubjectKind.ofCode(s.getValue().asText()));
        }
      }
      b.table(t.build());
    }
    return b.build();
  }

  private static String text(JsonNode node, String field, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException("mapping JSON: a category lacks \"" + field + "\"");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("mapping JSON: \"" + field + "\" must be a string");
    }
    return v.asText();
  }

  /** Parses the properties form. @throws IllegalArgumentException if malformed or names are refused */
  public static HostDataMapping fromProperties(Properties properties) {
    TreeSet<String> prefixes = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      int dot = key.indexOf('.');
      if (dot <= 0) {
        throw new IllegalArgumentException(
            "mapping property '" + key + "' must look like CATEGORY.field");
      }
      prefixes.add(key.substring(0, dot));
    }
    Builder b = builder();
    for (String category : prefixes) {
      TableMapping.Builder t = TableMapping.builder(CategoryId.of(category))
          .table(properties.getProperty(category + ".table"))
          .id(properties.getProperty(category + ".id"))
          .client(properties.getProperty(category + ".client"))
          .time(properties.getProperty(category + ".time"))
          .restricted(properties.getProperty(category + ".restricted"));
      String subjects = properties.getProperty(category + ".subjects", "");
      for (String pair : subjects.split(",")) {
        if (pair.isBlank()) {
          continue;
        }
        String[] cv = pair.split(":", -1);
        if (cv.length != 2) {
          throw new IllegalArgumentException("mapping property " + category
              + ".subjects must list column:kind pairs separated by commas");
        }
        t.subject(cv[0].strip(), SubjectKind.ofCode(cv[1]));
      }
      for (String key : properties.stringPropertyNames()) {
        String field = key.substring(key.indexOf('.') + 1);
        if (key.startsWith(category + ".") && !KNOWN.contains(field)) {
          throw new IllegalArgumentException("mapping property '" + key + "' is unknown: use "
              + String.join(", ", KNOWN));
        }
      }
      b.table(t.build());
    }
    return b.build();
  }
}
