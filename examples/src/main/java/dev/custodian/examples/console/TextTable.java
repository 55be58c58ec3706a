package dev.custodian.examples.console;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for terminal output: a header, a rule, and rows; columns as wide as their
 * widest cell. Cells that look like numbers are right-aligned.
 */
public final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(String... header) {
    this.header = List.of(header);
  }

  /** Adds a row; {@code null} cells print as "-". */
  public TextTable row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, the table " + header.size() + " columns");
    }
    List<String> r = new ArrayList<>();
    for (Object c : cells) {
      r.add(c == null ? "-" : String.valueOf(c));
    }
    rows.add(r);
    return this;
  }

  public int size() {
    return rows.size();
  }

  /** Prints the table, each line starting with {@code indent}. */
  public void print(PrintWriter out, String indent) {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    out.println(indent + line(header, width, false).stripTrailing());
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
    }
    out.println(indent + rule);
    for (List<String> r : rows) {
      out.println(indent + line(r, width, true).stripTrailing());
    }
  }

  private static String line(List<String> cells, int[] width, boolean alignNumbers) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      String c = cells.get(i);
      if (i > 0) {
        b.append("  ");
      }
      boolean right = alignNumbers && c.matches("-?[0-9][0-9,.]*");
      String pad = " ".repeat(width[i] - c.length());
      b.append(right ? pad + c : c + pad);
    }
    return b.toString();
  }
}
