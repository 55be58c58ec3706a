package dev.custodian.examples.cli;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.Principal;
import dev.custodian.jdbc.HostDataMapping;
import dev.custodian.jdbc.JdbcHostData;
import dev.custodian.jdbc.JdbcStateStore;
import dev.custodian.jdbc.TableMapping;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.PlanEntry;
import dev.custodian.retention.UnscheduledCategoryException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code custodian plan --jdbc-url URL --mapping FILE}: a dry-run retention report. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Dry-run retention report on a real database.",
      "Per client and category: how many records a sweep would delete now, how many legal",
      "holds keep back, and the rule behind each (R-RET-5). Deletes nothing, writes nothing.",
      "The mapping file says which of your tables holds which category (see the README).",
      "Holds and client settings are read from Custodian's own tables when the database has them."
    })
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin Database database;

  @Option(names = "--mapping", required = true, paramLabel = "FILE",
      description = "The mapping of your tables to categories (.json or .properties).")
  Path mapping;

  @Option(names = "--at", paramLabel = "WHEN", converter = When.class,
      description = "Plan as of this date (YYYY-MM-DD, midnight UTC) or instant (ISO-8601); "
          + "default: now.")
  Instant at;

  @Option(names = "--json", description = "Print the plan as a JSON object.")
  boolean json;

  @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
      description = "Progress bar on stderr: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; "
          + "auto shows it on a terminal when the scan is long).")
  ProgressBar.Mode progress;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(mapping)) {
      throw new ParameterException(spec.commandLine(), "--mapping: no file '" + mapping + "'");
    }
    HostDataMapping tables;
    try {
      tables = HostDataMapping.load(mapping);
    } catch (RuntimeException e) {
      throw new ParameterException(spec.commandLine(), "--mapping: " + CustodianCli.oneLine(e));
    }
    DataSource ds = database.dataSource();
    JdbcHostData hostData;
    try {
      hostData = JdbcHostData.builder(ds, tables).build();
    } catch (IllegalArgumentException e) {
      // The mapping names a table or column the database lacks, or one it refuses.
      throw new ParameterException(spec.commandLine(), "--mapping: " + CustodianCli.oneLine(e));
    }
    Clock clock = at == null ? Clock.systemUTC() : Clock.fixed(at, ZoneOffset.UTC);
    // A dry run writes nothing: the key's fingerprint is neither recorded nor compared.
    Custodian.Builder builder = CommandCustodian.inMemory().clock(clock).hostData(hostData)
        .withoutKeyFingerprint();
    boolean ownTables = Database.hasTable(ds, "custodian_state");
    if (ownTables) {
      builder.stateStore(new JdbcStateStore(ds));
    }
    Custodian custodian;
    try {
      custodian = builder.build();
    } catch (UnscheduledCategoryException e) {
      throw new ParameterException(spec.commandLine(), "--mapping: " + e.unknown()
          + (e.unknown().size() == 1 ? " is not a category" : " are not categories")
          + " of the retention schedule; valid categories: " + e.valid());
    }

    List<Unit> units = new ArrayList<>();
    for (TableMapping t : tables.tables()) {
      for (ClientId client : hostData.clients(t.category())) {
        units.add(new Unit(client, t.category()));
      }
    }
    ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), progress, Clock.systemUTC(),
        System.console() != null);
    List<PlanEntry> entries = new ArrayList<>();
    int done = 0;
    for (Unit u : units) {
      entries.add(custodian.retention().plan(Principal.system(), u.client(), u.category()));
      bar.update(++done, units.size(), u.client() + " " + u.category());
    }
    bar.finish();
    print(entries, clock.instant(), ownTables, units.size());
    return 0;
  }

  private void print(List<PlanEntry> entries, Instant when, boolean ownTables, int scanned) {
    PrintWriter out = spec.commandLine().getOut();
    long deletable = entries.stream().mapToLong(PlanEntry::deletable).sum();
    long held = entries.stream().mapToLong(PlanEntry::held).sum();
    long restrictable = entries.stream().mapToLong(PlanEntry::restrictable).sum();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("plannedAt", when.toString());
      m.put("deletable", deletable);
      m.put("held", held);
      m.put("restrictable", restrictable);
      List<Map<String, Object>> list = new ArrayList<>();
      for (PlanEntry e : entries) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("client", e.client().value());
        x.put("category", e.category().value());
        x.put("deletable", e.deletable());
        x.put("held", e.held());
        x.put("restrictable", e.restrictable());
        x.put("rules", e.rules());
        x.put("heldByHold", e.heldByHold());
        list.add(x);
      }
      m.put("entries", list);
      Output.json(out, m);
      return;
    }
    out.println("Retention plan as of " + when + " (dry run: nothing is deleted)");
    if (!ownTables) {
      out.println("No Custodian tables in this database: no holds or client settings are known;"
          + " client-set categories are kept.");
    }
    out.println();
    TextTable t = new TextTable("client", "category", "to delete", "held", "restricted", "rule");
    for (PlanEntry e : entries) {
      if (e.matched() > 0 || e.restrictable() > 0) {
        t.row(e.client(), e.category(), e.deletable(), e.held(), e.restrictable(),
            e.rules().isEmpty() ? "-" : String.join(", ", e.rules()));
      }
    }
    if (t.size() == 0) {
      out.println("Nothing to delete among " + scanned + " client categories.");
    } else {
      t.print(out, "");
    }
    out.println();
    out.println("Total: " + deletable + " to delete, " + held + " held back by legal holds, "
        + restrictable + " kept as restricted archive (" + scanned + " client categories scanned).");
  }

  private record Unit(ClientId client, CategoryId category) {}

  /** A date (midnight UTC) or an ISO-8601 instant. */
  static final class When implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      String v = value.strip();
      try {
        if (v.contains("T")) {
          Instant i = Instant.parse(v);
          // Years of four digits only, as for dates: a plan in year 10^9 overflows.
          if (i.isBefore(Instant.parse("0000-01-01T00:00:00Z"))
              || !i.isBefore(Instant.parse("9999-12-31T00:00:00Z"))) {
            throw new DateTimeParseException("year out of range", v, 0);
          }
          return i;
        }
        return Converters.date(v).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is neither a date (YYYY-MM-DD) nor an "
            + "instant (2026-06-15T08:00:00Z)");
      }
    }
  }
}
