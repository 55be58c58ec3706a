package dev.custodian.examples.cli;

import dev.custodian.Custodian;
import dev.custodian.audit.CompliancePack;
import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code custodian compliance-pack --out DIR}. */
@Command(
    name = "compliance-pack",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a client's compliance pack (JSON and HTML).",
      "What a client receives to demonstrate compliance (R-ASSIST-1, R-AUD-1): retention",
      "schedule, sub-processors and transfer mechanisms, security measures (Annex C) and the",
      "record of processing (GDPR 30(2)), as compliance-pack.json and as one self-contained",
      "page, compliance-pack.html."
    })
final class CompliancePackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Folder to write into (created if missing).")
  Path out;

  @Option(names = "--client", paramLabel = "ID", defaultValue = "example-client",
      description = "The client's id in the record of processing (default: ${DEFAULT-VALUE}).")
  String client;

  @Option(names = "--client-name", paramLabel = "NAME",
      description = "The client's name in the record of processing (default: its id).")
  String clientName;

  @Override
  public Integer call() throws IOException {
    ClientId id;
    try {
      id = ClientId.of(client);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--client: " + e.getMessage());
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new ParameterException(spec.commandLine(), "--out: '" + out + "' is not a folder");
    }
    Custodian custodian = CommandCustodian.inMemory().build();
    ProcessorPrincipal operator = ProcessorPrincipal.of("custodian-cli", ProcessorRole.OPERATOR);
    CompliancePack pack = custodian.compliancePack().generate(operator, id,
        clientName == null ? id.value() : clientName);
    Files.createDirectories(out);
    Path json = out.resolve("compliance-pack.json");
    Path html = out.resolve("compliance-pack.html");
    Files.writeString(json, pack.toJson(), StandardCharsets.UTF_8);
    Files.writeString(html, pack.toHtml(), StandardCharsets.UTF_8);
    PrintWriter w = spec.commandLine().getOut();
    w.println("Compliance pack for " + id + ": " + pack.retentionSchedule().size()
        + " retention rows, " + pack.subProcessors().size() + " sub-processors, "
        + pack.securityMeasures().size() + " security sections, record of processing.");
    w.println("  " + json);
    w.println("  " + html);
    return 0;
  }
}
