package dev.custodian.spi;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * One record of the host's own data, as the host-data SPI sees it.
 *
 * @param id the host's key of the record, unique within its category
 * @param time the record's clock time (the call, the message, the last activity...), UTC
 * @param subjects the identifiers of the subjects the record concerns
 * @param fields the record's columns as JSON-friendly values (String, Number, Boolean or null), in
 *     the host's column order; used for return archives and access exports. Copied, unless it
 *     comes from {@link Columns#row}, which is immutable already
 */
public record HostRecord(
    CategoryId category,
    ClientId client,
    String id,
    Instant time,
    Set<SubjectIdentifier> subjects,
    Map<String, Object> fields) {

  public HostRecord {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    subjects = subjects == null ? Set.of() : Set.copyOf(subjects);
    fields = fields == null ? Map.of()
        : fields instanceof Columns.Row ? fields
        : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /**
   * The column names of many records (one result set's, say), so that each record's fields can be
   * an immutable map over its own values and these shared names, which {@link HostRecord} keeps
   * without copying: adapters that stream millions of rows use it.
   */
  public static final class Columns {
    private final String[] names;
    private final Map<String, Integer> index;

    private Columns(String[] names) {
      this.names = names;
      Map<String, Integer> byName = new HashMap<>();
      for (int i = 0; i < names.length; i++) {
        if (byName.put(Objects.requireNonNull(names[i], "column name"), i) != null) {
          throw new IllegalArgumentException("column " + names[i] + " appears twice");
        }
      }
      this.index = Map.copyOf(byName);
    }

    /**
     * Columns named {@code names}, in this order.
     *
     * @throws IllegalArgumentException if a name appears twice
     */
    public static Columns of(List<String> names) {
      return new Columns(names.toArray(String[]::new));
    }

    /**
     * One record's fields: {@code values} (copied) under these names, as an immutable map in
     * column order.
     *
     * @throws IllegalArgumentException if there are not as many values as names
     */
    public Map<String, Object> row(Object... values) {
      if (values.length != names.length) {
        throw new IllegalArgumentException(
            values.length + " values for " + names.length + " columns");
      }
      return new Row(this, values.clone());
    }

    /** An immutable map over shared names and its own copy of the values. */
    private static final class Row extends AbstractMap<String, Object> {
      private final Columns columns;
      private final Object[] values;

      private Row(Columns columns, Object[] values) {
        this.columns = columns;
        this.values = values;
      }

      @Override
      public int size() {
        return values.length;
      }

      @Override
      public boolean containsKey(Object key) {
        return columns.index.containsKey(key);
      }

      @Override
      public Object get(Object key) {
        Integer i = columns.index.get(key);
        return i == null ? null : values[i];
      }

      @Override
      public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
          @Override
          public int size() {
            return values.length;
          }

          @Override
          public Iterator<Entry<String, Object>> iterator() {
            return new Iterator<>() {
              private int next;

              @Override
              public boolean hasNext() {
                return next < values.length;
              }

              @Override
              public Entry<String, Object> next() {
                if (next >= values.length) {
                  throw new NoSuchElementException();
                }
                int i = next++;
                return new SimpleImmutableEntry<>(columns.names[i], values[i]);
              }
            };
          }
        };
      }

      @Override
      public Collection<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
      }
    }
  }
}
