package dev.custodian.examples.cli;

import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.jdbc.JdbcEvidenceStore;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code custodian verify-evidence --jdbc-url URL}. */
@Command(
    name = "verify-evidence",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies the evidence log's hash chain in a database.",
      "Re-computes the chain and names the first broken entry, if any (R-EVID-1). Reads only.",
      "Exits 0 if the chain is intact, 1 if not."
    })
final class VerifyEvidenceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin Database database;

  @Option(names = "--json", description = "Print the verdict as a JSON object.")
  boolean json;

  @Override
  public Integer call() {
    DataSource ds = database.dataSource();
    if (!Database.hasTable(ds, "custodian_evidence")) {
      throw new IllegalStateException("no Custodian evidence log (table custodian_evidence) in "
          + database.url);
    }
    ChainVerification v = EvidenceLog.verify(new JdbcEvidenceStore(ds));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("valid", v.valid());
      m.put("entriesChecked", v.entriesChecked());
      m.put("firstBroken", v.firstBroken().isPresent() ? v.firstBroken().getAsLong() : null);
      m.put("reason", v.valid() ? null : v.reason());
      Output.json(out, m);
    } else if (v.valid()) {
      out.println(v.entriesChecked() + " evidence entries checked: the chain is intact.");
    } else {
      out.println("BROKEN: entry " + v.firstBroken().getAsLong() + ": " + v.reason()
          + " (" + v.entriesChecked() + " entries read).");
    }
    return v.valid() ? 0 : CustodianCli.FAILED;
  }
}
