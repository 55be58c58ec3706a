package dev.custodian.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custodian.subprocessor.AnnexB;
import dev.custodian.spi.Subprocessor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompliancePackCommandTest {
  @TempDir Path dir;

  @Test
  void writesThePackAsJsonAndAsOneHtmlPage_R_ASSIST_1_R_AUD_1() throws Exception {
    Path out = dir.resolve("pack");
    CliRun run = CliRun.inProcess("compliance-pack", "--out", out.toString(), "--client",
        "atelier-nord", "--client-name", "Atelier Nord (fictional)");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Compliance pack for atelier-nord", "26 sub-processors");
    String html = Files.readString(out.resolve("compliance-pack.html"));
    assertThat(html).contains("id=\"retention-schedule\"", "id=\"sub-processors\"",
        "id=\"security-measures\"", "id=\"record-of-processing\"", "Atelier Nord (fictional)");
    JsonNode json = new ObjectMapper().readTree(out.resolve("compliance-pack.json").toFile());
    assertThat(json.get("subProcessors").size()).isEqualTo(26);
    assertThat(json.get("client").asText()).isEqualTo("atelier-nord");
    for (Subprocessor s : AnnexB.subProcessors()) {
      assertThat(json.toString()).contains(s.name());
    }
  }

  @Test
  void badArgumentsGiveOneLineAndExitCode2() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    String[][] cases = {
      {"compliance-pack"},
      {"compliance-pack", "--out", file.toString()},
      {"compliance-pack", "--out", dir.toString(), "--client", "not a client id!"},
    };
    for (String[] args : cases) {
      CliRun run = CliRun.inProcess(args);
      assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run).isEqualTo(2);
      assertThat(run.errLines()).hasSize(1);
      assertThat(run.errLines().get(0)).startsWith("custodian compliance-pack: ");
    }
    assertThat(dir.resolve("compliance-pack.json")).doesNotExist();
  }
}
