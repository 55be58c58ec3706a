package dev.custodian.jdbc;

import java.util.regex.Pattern;

/**
 * The one rule for table and column names taken from a mapping: plain identifiers only, so that a
 * mapping can never carry SQL. Names that pass are then quoted per dialect as well.
 */
final class SqlIdentifiers {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  static final String RULE = "letters, digits and '_' only, starting with a letter or '_',"
      + " at most 63 characters";

  private SqlIdentifiers() {}

  /**
   * @param what what the name is for, for the error message (e.g. "CALL_LOG: id column")
   * @throws IllegalArgumentException if {@code name} is not a plain identifier
   */
  static String column(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("mapping " + what + " " + shown(name)
          + " is refused: a column name must be " + RULE);
    }
    return name;
  }

  /** A table name, optionally qualified by one schema name ({@code schema.table}). */
  static String table(String what, String name) {
    if (name != null) {
      String[] parts = name.split("\\.", -1);
      if (parts.length <= 2 && java.util.Arrays.stream(parts).allMatch(p -> NAME.matcher(p).matches())) {
        return name;
      }
    }
    throw new IllegalArgumentException("mapping " + what + " " + shown(name)
        + " is refused: a table name must be " + RULE + ", optionally after a schema name and '.'");
  }

  /** The name as it may be shown in an error: quoted, control characters escaped, shortened. */
  static String shown(String name) {
    if (name == null) {
      return "(missing)";
    }
    StringBuilder b = new StringBuilder("\"");
    name.codePoints().limit(48).forEach(cp -> {
      if (Character.isISOControl(cp)) {
        b.append(String.format("\\u%04x", cp));
      } else {
        b.appendCodePoint(cp);
      }
    });
    return b.append(name.codePointCount(0, name.length()) > 48 ? "...\"" : "\"").toString();
  }
}
