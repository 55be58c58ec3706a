package dev.custodian.examples.cli;

import dev.custodian.subprocessor.AnnexB;
import dev.custodian.spi.Subprocessor;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code custodian subprocessors}: the shipped sub-processor registry (Annex B). */
@Command(
    name = "subprocessors",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the sub-processor registry (Annex B).",
      "Name, server country and what covers a transfer there (R-SUB-1, R-SUB-4)."
    })
final class SubprocessorsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print a JSON array, one object per sub-processor.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Subprocessor> all = AnnexB.subProcessors();
    if (json) {
      Output.json(out, all.stream().map(SubprocessorsCommand::asJson).toList());
      return 0;
    }
    TextTable t = new TextTable("id", "name", "country", "transfer mechanism");
    for (Subprocessor s : all) {
      t.row(s.id(), s.name(), s.country(), ScheduleCommand.words(s.mechanism()));
    }
    out.println("Sub-processors (" + all.size() + ", the contract's Annex B)");
    out.println();
    t.print(out, "");
    return 0;
  }

  private static Map<String, Object> asJson(Subprocessor s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("name", s.name());
    m.put("activities", s.activities());
    m.put("country", s.country());
    m.put("countryName", s.countryName());
    m.put("mechanism", s.mechanism().name());
    m.put("mechanismDescription", s.mechanism().description());
    m.put("mechanismDetails", s.mechanismDetails());
    m.put("agreement", s.agreement());
    return m;
  }
}
