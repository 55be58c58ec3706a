package dev.custodian.jdbc;

import dev.custodian.terms.CategoryId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How one category of the host's data lies in one of its tables, for example {@code
 * call_log(id, client_id, started_at, caller, callee)}: the key column, the client column, the
 * time column the retention clock counts from, the columns naming subjects (each with its
 * identifier kind) and, optionally, a boolean column the host honours as "restricted" (R-DSR-4).
 *
 * <p>Every name is checked at construction: plain identifiers only (letters, digits, {@code _}), so
 * a mapping can never carry SQL; a hostile name is refused with an {@link IllegalArgumentException}
 * that says which name and why. Custodian's own tables ({@code custodian_*}) and system schemas
 * ({@code pg_catalog}, {@code information_schema}, {@code mysql}, {@code performance_schema},
 * {@code sys}) are refused too. Build with {@link #builder(CategoryId)}.
 *
 * @param table the table, optionally {@code schema.table}
 * @param idColumn a unique, non-null key of the table (numeric or text)
 * @param clientColumn the client's id, as {@link dev.custodian.client.ClientId#value()}
 * @param timeColumn a non-null timestamp column (with or without time zone; without, it is read as
 *     UTC)
 * @param subjectColumns the columns holding subject identifiers, in normalised form
 * @param restrictedColumn a boolean column set to true by {@code restrict}, or null if the host has
 *     none
 */
public record TableMapping(
    CategoryId category,
    String table,
    String idColumn,
    String clientColumn,
    String timeColumn,
    List<SubjectColumn> subjectColumns,
    String restrictedColumn) {

  /** A column holding one kind of subject identifier. */
  public record SubjectColumn(String column, SubjectKind kind) {
    public SubjectColumn {
      Objects.requireNonNull(kind, "kind");
      SqlIdentifiers.column("subject column", column);
    }
  }

  public TableMapping {
    Objects.requireNonNull(category, "category");
    String what = "for " + category + ":";
    SqlIdentifiers.table(what + " table", table);
    int dot = table.indexOf('.');
    ReservedTables.check(what, dot < 0 ? null : table.substring(0, dot), table.substring(dot + 1));
    SqlIdentifiers.column(what + " id column", idColumn);
    SqlIdentifiers.column(what + " client column", clientColumn);
    SqlIdentifiers.column(what + " time column", timeColumn);
    if (restrictedColumn != null) {
      SqlIdentifiers.column(what + " restricted column", restrictedColumn);
    }
    subjectColumns = subjectColumns == null ? List.of() : List.copyOf(subjectColumns);
    Set<String> seen = new HashSet<>();
    List<String> all = new ArrayList<>(List.of(idColumn, clientColumn, timeColumn));
    subjectColumns.forEach(s -> all.add(s.column()));
    if (restrictedColumn != null) {
      all.add(restrictedColumn);
    }
    for (String c : all) {
      if (!seen.add(c.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("mapping " + what + " column " + SqlIdentifiers.shown(c)
            + " is named twice: id, client, time, subject and restricted columns must differ");
      }
    }
  }

  /** A builder for the mapping of {@code category}. */
  public static Builder builder(CategoryId category) {
    return new Builder(category);
  }

  /** Builds a {@link TableMapping}; every name is checked by {@link #build()}. */
  public static final class Builder {
    private final CategoryId category;
    private String table;
    private String id;
    private String client;
    private String time;
    private final List<SubjectColumn> subjects = new ArrayList<>();
    private String restricted;

    private Builder(CategoryId category) {
      this.category = Objects.requireNonNull(category, "category");
    }

    public Builder table(String value) {
      this.table = value;
      return this;
    }

    public Builder id(String column) {
      this.id = column;
      return this;
    }

    public Builder client(String column) {
      this.client = column;
      return this;
    }

    public Builder time(String column) {
      this.time = column;
      return this;
    }

    /** Adds a column holding identifiers of {@code kind}. */
    public Builder subject(String column, SubjectKind kind) {
      subjects.add(new SubjectColumn(column, kind));
      return this;
    }

    public Builder restricted(String column) {
      this.restricted = column;
      return this;
    }

    /** @throws IllegalArgumentException if a name is missing or not a plain identifier */
    public TableMapping build() {
      return new TableMapping(category, table, id, client, time, subjects, restricted);
    }
  }
}
