package dev.custodian.examples.cli;

import dev.custodian.examples.console.TextTable;
import dev.custodian.retention.CategoryPolicy;
import dev.custodian.retention.RetentionRule;
import dev.custodian.retention.RetentionSchedule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code custodian schedule}: the retention schedule (Annex A of the contract). */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the retention schedule (Annex A).",
      "Each category: how long it is kept, from when, and what becomes of it when the client's",
      "contract ends."
    })
final class ScheduleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print a JSON array, one object per category, with its rules.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<CategoryPolicy> categories = RetentionSchedule.annexA().categories();
    if (json) {
      Output.json(out, categories.stream().map(ScheduleCommand::asJson).toList());
      return 0;
    }
    TextTable t = new TextTable("category", "retention", "counted from", "at termination");
    for (CategoryPolicy c : categories) {
      t.row(c.id(), retention(c), words(c.countedFrom()), words(c.atTermination()));
    }
    out.println("Retention schedule (" + categories.size() + " categories)");
    out.println();
    t.print(out, "");
    out.println();
    out.println("'client' means the client sets the duration within the processor's bounds;");
    out.println("'event' means the period is counted from an event such as the end of the contract.");
    out.println("Traffic data (call, fax, SMS and MMS logs) is kept 12 months under CPCE L.34-1,");
    out.println("whatever the client asks (R-RET-2). Run with --json for every rule.");
    return 0;
  }

  private static String retention(CategoryPolicy c) {
    if (c.neverStored()) {
      return "never stored";
    }
    if (c.retention() != null) {
      return c.retention().toString();
    }
    return c.clientSettable() ? "client" : "event";
  }

  static String words(Enum<?> value) {
    return value == null ? "-" : value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  static Map<String, Object> asJson(CategoryPolicy c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("category", c.id().value());
    m.put("description", c.description());
    m.put("retention", c.retention() == null ? null : c.retention().toString());
    m.put("countedFrom", c.countedFrom() == null ? null : c.countedFrom().name());
    m.put("atTermination", c.atTermination().name());
    m.put("trafficData", c.trafficData());
    m.put("clientSettable", c.clientSettable());
    m.put("neverStored", c.neverStored());
    List<Map<String, Object>> rules = new ArrayList<>();
    for (RetentionRule r : c.rules()) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("id", r.id());
      rule.put("source", r.source().name());
      rule.put("kind", r.kind().name());
      rule.put("clock", r.clock().name());
      rule.put("period", r.period() == null ? null : r.period().toString());
      rule.put("basis", r.basis());
      rules.add(rule);
    }
    m.put("rules", rules);
    return m;
  }
}
