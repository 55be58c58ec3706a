package dev.custodian.examples.cli;

import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.FileEvidenceAnchor;
import dev.custodian.jdbc.JdbcEvidenceStore;
import dev.custodian.evidence.EvidenceAnchor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code custodian verify-evidence --jdbc-url URL --evidence-key-file FILE [--anchor-file FILE]}. */
@Command(
    name = "verify-evidence",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies the evidence log's keyed hash chain in a database against its anchors.",
      "Re-computes every entry's HMAC with the evidence key, compares the log with the head the"
          + " database recorded and with --anchor-file, and names what broke: a changed or"
          + " re-chained entry, missing entries, a cut tail, an emptied log (R-EVID-1). Reads only.",
      "The key (base64, at least 32 bytes) comes from --evidence-key-file, or the environment"
          + " variable " + VerifyEvidenceCommand.KEY_ENV + ", or is derived from"
          + " --pseudonymization-key-file as Custodian derives it when no evidence key is set.",
      "Exits 0 if the chain is intact, 1 if not."
    })
final class VerifyEvidenceCommand implements Callable<Integer> {
  static final String KEY_ENV = "CUSTODIAN_EVIDENCE_KEY";

  /** Where the environment is read; tests replace it. */
  static UnaryOperator<String> environment = System::getenv;

  @Spec CommandSpec spec;
  @Mixin Database database;

  @Option(names = "--evidence-key-file", paramLabel = "FILE",
      description = "File holding the evidence key in base64 (at least 32 bytes).")
  Path keyFile;

  @Option(names = "--pseudonymization-key-file", paramLabel = "FILE",
      description = "File holding the pseudonymisation key in base64, for a Custodian that derives"
          + " its evidence key from it.")
  Path pseudonymizationKeyFile;

  @Option(names = "--anchor-file", paramLabel = "FILE",
      description = "A FileEvidenceAnchor's file to compare the log with.")
  Path anchorFile;

  @Option(names = "--json", description = "Print the verdict as a JSON object.")
  boolean json;

  @Override
  public Integer call() {
    EvidenceKey key = key();
    if (anchorFile != null && !Files.isRegularFile(anchorFile)) {
      throw new ParameterException(spec.commandLine(), "--anchor-file: no such file " + anchorFile);
    }
    DataSource ds = database.dataSource();
    if (!Database.hasTable(ds, "custodian_evidence")) {
      throw new IllegalStateException("no Custodian evidence log (table custodian_evidence) in "
          + database.url);
    }
    JdbcEvidenceStore store = new JdbcEvidenceStore(ds);
    ChainVerification v = anchorFile == null ? EvidenceLog.verify(store, key)
        : EvidenceLog.verify(store, key, (EvidenceAnchor) new FileEvidenceAnchor(anchorFile));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("valid", v.valid());
      m.put("entriesChecked", v.entriesChecked());
      m.put("lastSequence", v.lastSequence());
      m.put("anchoredSequence",
          v.anchoredSequence().isPresent() ? v.anchoredSequence().getAsLong() : null);
      m.put("problem", v.valid() ? null : v.problem().name());
      m.put("firstBroken", v.firstBroken().isPresent() ? v.firstBroken().getAsLong() : null);
      m.put("reason", v.valid() ? null : v.reason());
      Output.json(out, m);
    } else if (v.valid()) {
      out.println(v.entriesChecked() + " evidence entries checked: the chain is intact"
          + (v.anchoredSequence().isPresent()
              ? " and reaches its anchored head (entry " + v.anchoredSequence().getAsLong() + ")."
              : "; no head is anchored yet."));
    } else {
      out.println("BROKEN (" + v.problem() + "): " + v.reason() + " (" + v.entriesChecked()
          + " entries read).");
    }
    return v.valid() ? 0 : CustodianCli.FAILED;
  }

  // Never echoes a key: messages name the source only.
  private EvidenceKey key() {
    if (keyFile != null) {
      return EvidenceKey.of(decode(read(keyFile, "--evidence-key-file"), "--evidence-key-file"));
    }
    String env = environment.apply(KEY_ENV);
    if (env != null && !env.isBlank()) {
      return EvidenceKey.of(decode(env, KEY_ENV));
    }
    if (pseudonymizationKeyFile != null) {
      return EvidenceKey.derivedFrom(decode(read(pseudonymizationKeyFile,
          "--pseudonymization-key-file"), "--pseudonymization-key-file"));
    }
    throw new ParameterException(spec.commandLine(), "the evidence key is needed to verify the"
        + " keyed chain: give --evidence-key-file, " + KEY_ENV + " or --pseudonymization-key-file");
  }

  private String read(Path file, String option) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), option + ": cannot read " + file);
    }
  }

  private byte[] decode(String base64, String source) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), source + ": the key is not base64");
    }
    if (key.length < 32) {
      throw new ParameterException(spec.commandLine(), source + ": the key is shorter than 32 bytes");
    }
    return key;
  }
}
