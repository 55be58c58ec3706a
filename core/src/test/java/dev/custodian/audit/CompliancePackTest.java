package dev.custodian.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.internal.Json;
import dev.custodian.retention.AtTermination;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.CategoryPolicy;
import dev.custodian.retention.ClockStart;
import dev.custodian.retention.RetentionRule;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.retention.RuleKind;
import dev.custodian.retention.RuleSource;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.subprocessor.AnnexB;
import dev.custodian.spi.Subprocessor;
import dev.custodian.spi.SubprocessorNoticeSender;
import dev.custodian.subprocessor.SubprocessorRegistry;
import dev.custodian.subprocessor.SubprocessorSettings;
import dev.custodian.spi.TransferMechanism;
import dev.custodian.testing.MutableClock;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

class CompliancePackTest {
  private static final ClientId ACME = ClientId.of("acme");
  private static final ClientPrincipal ACME_SUPER =
      ClientPrincipal.of("acme-super", ACME, ClientRole.SUPER_ADMINISTRATOR);
  private static final ProcessorPrincipal OPERATOR = ProcessorPrincipal.of("op-1", ProcessorRole.OPERATOR);

  private final MutableClock clock = MutableClock.atParis("2026-06-01T10:00");
  private final InMemoryEvidenceStore evidenceStore = new InMemoryEvidenceStore();
  private final EvidenceLog evidence = new EvidenceLog(evidenceStore, clock);
  private final SubprocessorNoticeSender sender = mock(SubprocessorNoticeSender.class);
  private final SubprocessorRegistry registry = new SubprocessorRegistry(new InMemoryStateStore(),
      evidence, clock, SubprocessorSettings.defaults().withSender(sender));
  private final CompliancePackService packs = new CompliancePackService(registry, evidence, clock,
      CompliancePackSettings.defaults().withProcessor(new ProcessorIdentity("Example Telecom SAS",
          "1 rue de l'Exemple, 75000 Paris", "DPO, dpo@example.com")));

  @Test
  void theHtmlPackHasEachSectionAndEverySubProcessor_R_ASSIST_1_R_AUD_1() {
    Document doc = Jsoup.parse(packs.generate(ACME_SUPER, ACME, "Acme SARL").toHtml());

    assertThat(doc.title()).contains("acme");
    for (String id : List.of("retention-schedule", "sub-processors", "security-measures",
        "record-of-processing")) {
      Element section = doc.getElementById(id);
      assertThat(section).as(id).isNotNull();
      assertThat(section.tagName()).isEqualTo("section");
      assertThat(section.selectFirst("h2")).as(id + " heading").isNotNull();
      assertThat(doc.select("nav a[href=#" + id + "]")).as("link to " + id).hasSize(1);
    }

    Elements retention = doc.select("#retention-schedule tbody tr");
    assertThat(retention).hasSize(RetentionSchedule.annexA().categories().size());
    assertThat(doc.selectFirst("#retention-schedule tr[data-category=CALL_LOG]").select("td")
        .eachText()).containsExactly(
            "Call logs: every piece of information about incoming and outgoing calls CALL_LOG",
            "1 year (legal minimum and maximum for traffic data, CPCE L.34-1)",
            "the record's own time (the call, the message, the recording)",
            "kept as a restricted archive to the end of its period, then deleted");
    assertThat(doc.selectFirst("#retention-schedule tr[data-category=CALL_RECORDING]").text())
        .contains("as set by the client").contains("returned or deleted");
    assertThat(doc.selectFirst("#retention-schedule tr[data-category=CONTACT_MANUAL]").text())
        .contains("until the client's deletion of the contact");
    assertThat(doc.selectFirst("#retention-schedule tr[data-category=TRANSACTIONAL_EMAIL]").text())
        .contains("never stored");

    Elements rows = doc.select("#sub-processors tr.sub-processor");
    List<Subprocessor> annexB = AnnexB.subProcessors();
    assertThat(rows).hasSize(annexB.size());
    for (Subprocessor sp : annexB) {
      Element row = doc.selectFirst("#sub-processors tr[data-id=" + sp.id() + "]");
      assertThat(row).as(sp.name()).isNotNull();
      assertThat(row.selectFirst("td.name").text()).isEqualTo(sp.name());
      assertThat(row.text()).contains(sp.activities()).contains(sp.countryName())
          .contains(sp.mechanism().description());
    }
    assertThat(doc.selectFirst("#sub-processors tr[data-id=cloudflare]").text())
        .contains("data localization suite");

    assertThat(doc.select("#security-measures h3")).hasSize(13);
    assertThat(doc.select("#security-measures").text()).contains("SHA-256").contains("SRTP");

    Element record = doc.getElementById("record-of-processing");
    assertThat(record.select("dt").eachText()).anyMatch(t -> t.startsWith("(a) Processor"))
        .anyMatch(t -> t.startsWith("(b)")).anyMatch(t -> t.startsWith("(c)"))
        .anyMatch(t -> t.startsWith("(d)"));
    assertThat(record.text()).contains("Example Telecom SAS").contains("Acme SARL")
        .contains("VONAGE, United States (US)").contains("2021/914")
        .contains("ATLASSIAN, Australia (AU)").doesNotContain("SCALEWAY");
  }

  @Test
  void thePackShowsTheScheduleCustodianEnforcesWithTheHostsOverrides_R_ASSIST_1() {
    CategoryId voicemail = CategoryId.of("VOICEMAIL");
    RetentionSchedule configured = RetentionSchedule.annexA().toBuilder()
        .contractualPeriod(CategoryId.WEBHOOK_LOG, Period.ofDays(14))
        .category(new CategoryPolicy(voicemail, "Voicemail audio", Period.ofDays(90),
            ClockStart.RECORD_TIME, AtTermination.RETURN_OR_DELETE, false, false,
            List.of(RetentionRule.of("VOICEMAIL.max", voicemail, RuleSource.CONTRACT,
                RuleKind.DELETE, ClockStart.RECORD_TIME, Period.ofDays(90), "host policy"))))
        .build();
    Custodian custodian = Custodian.builder().clock(clock).pseudonymizationKey("a fictional pseudonymisation test key".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .retentionSchedule(configured).build();
    assertThat(custodian.retention().schedule()).isSameAs(configured);

    CompliancePack pack = custodian.compliancePack().generate(OPERATOR, ACME);
    assertThat(pack.retentionSchedule()).extracting(RetentionRow::category)
        .containsExactlyElementsOf(configured.categories().stream()
            .map(c -> c.id().value()).toList())
        .endsWith("VOICEMAIL");
    assertThat(pack.retentionSchedule()).filteredOn(r -> r.category().equals("WEBHOOK_LOG"))
        .singleElement().satisfies(r -> {
          assertThat(r.retention()).isEqualTo("14 days");
          assertThat(r.countedFrom()).contains("record's own time");
          assertThat(r.atTermination()).isEqualTo("deleted");
        });
    assertThat(pack.retentionSchedule()).filteredOn(r -> r.category().equals("VOICEMAIL"))
        .singleElement().satisfies(r -> {
          assertThat(r.description()).isEqualTo("Voicemail audio");
          assertThat(r.retention()).isEqualTo("90 days");
        });
    Document doc = Jsoup.parse(pack.toHtml());
    assertThat(doc.selectFirst("#retention-schedule tr[data-category=WEBHOOK_LOG]").text())
        .contains("14 days").doesNotContain("1 month");
  }

  @Test
  void periodsReadAsWords() {
    assertThat(RetentionRow.words(Period.ofYears(1))).isEqualTo("1 year");
    assertThat(RetentionRow.words(Period.ofDays(14))).isEqualTo("14 days");
    assertThat(RetentionRow.words(Period.of(1, 6, 0))).isEqualTo("1 year and 6 months");
    assertThat(RetentionRow.words(Period.of(2, 1, 3))).isEqualTo("2 years, 1 month and 3 days");
  }

  @Test
  void thePageIsSelfContained_R_ASSIST_1() {
    Document doc = Jsoup.parse(packs.generate(OPERATOR, ACME).toHtml());
    assertThat(doc.select("script, link, img, iframe, object")).isEmpty();
    assertThat(doc.select("[src]")).isEmpty();
    assertThat(doc.select("a[href]").eachAttr("href")).allMatch(h -> h.startsWith("#"));
    assertThat(doc.selectFirst("head style")).isNotNull();
    assertThat(doc.selectFirst("meta[charset]").attr("charset")).isEqualTo("utf-8");
  }

  @Test
  void allTextIsEscaped_R_ASSIST_1() {
    CompliancePackService hostile = new CompliancePackService(registry, evidence, clock,
        CompliancePackSettings.defaults()
            .withProcessor(new ProcessorIdentity("<script>alert(1)</script>", "a & b", "\"x' y"))
            .withRetentionSchedule(() -> RetentionSchedule.builder().category(RetentionSchedule
                .annexA().policy(CategoryId.CALL_LOG).withDescription("<b>calls</b> 1 < 2")).build()));
    String html = hostile.generate(OPERATOR, ACME, "<img src=x onerror=alert(1)>").toHtml();
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("script")).isEmpty();
    assertThat(doc.select("img")).isEmpty();
    assertThat(doc.select("#retention-schedule b")).isEmpty();
    assertThat(doc.select("#retention-schedule td").first().text())
        .isEqualTo("<b>calls</b> 1 < 2 CALL_LOG");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("a &amp; b")
        .contains("&quot;x&#39; y");
    assertThat(doc.getElementById("record-of-processing").text())
        .contains("<img src=x onerror=alert(1)>");
  }

  @Test
  void theJsonPackCarriesTheSameContent_R_ASSIST_1() throws Exception {
    CompliancePack pack = packs.generate(ACME_SUPER, ACME);
    JsonNode json = Json.MAPPER.readTree(pack.toJson());
    assertThat(json.get("client").asText()).isEqualTo("acme");
    assertThat(json.get("retentionSchedule")).hasSize(17);
    assertThat(json.get("retentionSchedule").get(1).get("category").asText()).isEqualTo("CALL_LOG");
    assertThat(json.get("subProcessors")).hasSize(26);
    JsonNode cloudflare = null;
    for (JsonNode sp : json.get("subProcessors")) {
      cloudflare = sp.get("id").asText().equals("cloudflare") ? sp : cloudflare;
    }
    assertThat(cloudflare).isNotNull();
    assertThat(cloudflare.get("mechanism").asText()).isEqualTo("DATA_LOCALISATION");
    assertThat(cloudflare.get("countryName").asText()).isEqualTo("United States");
    assertThat(json.get("securityMeasures")).hasSize(13);
    assertThat(json.get("recordOfProcessing").get("transfers")).hasSize(10);
    assertThat(Json.MAPPER.readValue(pack.toJson(), CompliancePack.class)).isEqualTo(pack);
  }

  @Test
  void theSubProcessorListFollowsTheRegistry_R_SUB_2_R_ASSIST_1() {
    when(sender.clientsUnderContract()).thenReturn(List.of(ACME));
    registry.announceRemoval(OPERATOR, "slack", LocalDate.parse("2026-07-01"), "replaced");
    registry.announceAddition(OPERATOR, new Subprocessor("chatco", "CHATCO", "Messagerie interne",
        "FR", TransferMechanism.NONE_INSIDE_EEA, null, "DPA-2026-031"), LocalDate.parse("2026-07-01"));
    assertThat(packs.generate(OPERATOR, ACME).subProcessors()).extracting(SubprocessorLine::id)
        .contains("slack").doesNotContain("chatco");
    clock.setParis("2026-07-01T08:00");
    assertThat(packs.generate(OPERATOR, ACME).subProcessors()).extracting(SubprocessorLine::id)
        .contains("chatco").doesNotContain("slack");
  }

  @Test
  void onlyStaffOrTheClientsSuperAdministratorGetThePack_R_SUB_1_R_ACC_2() {
    assertThatThrownBy(() -> packs.generate(ClientPrincipal.of("a", ACME, ClientRole.ADMINISTRATOR), ACME))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> packs.generate(ClientPrincipal.of("s", ClientId.of("globex"),
        ClientRole.SUPER_ADMINISTRATOR), ACME)).isInstanceOf(SecurityException.class);
    packs.generate(ACME_SUPER, ACME);
    assertThat(evidenceStore.head()).get().satisfies(e -> {
      assertThat(e.action()).isEqualTo("audit.compliance_pack.generated");
      assertThat(e.client()).isEqualTo(ACME);
      assertThat(e.details()).containsKey("json_sha256").containsEntry("sub_processors", "26");
    });
  }
}
