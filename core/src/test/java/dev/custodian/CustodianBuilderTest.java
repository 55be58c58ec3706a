package dev.custodian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.custodian.audit.ProcessorIdentity;
import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.retention.UnscheduledCategoryException;
import dev.custodian.spi.HostRecord;
import dev.custodian.terms.CategoryId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The builder (issue 12): building leaves its options as they are, so one builder gives two equal,
 * independent instances; and each build logs one INFO line with the effective configuration,
 * keys by fingerprint only and no personal data.
 */
class CustodianBuilderTest {
  static final byte[] KEY =
      "a fictional pseudonymisation test key".getBytes(StandardCharsets.UTF_8);
  static final byte[] EVIDENCE_KEY =
      "a fictional evidence chain test key, kept apart".getBytes(StandardCharsets.UTF_8);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

  private final Logger logger = (Logger) LoggerFactory.getLogger(Custodian.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @BeforeEach
  void attach() {
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(appender);
  }

  private List<String> infoLines() {
    return appender.list.stream().filter(e -> e.getLevel() == Level.INFO)
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void buildingTwiceGivesTwoEqualIndependentInstances() {
    CustodianBuilder builder = Custodian.builder().clock(CLOCK).pseudonymizationKey(KEY)
        .notificationDeadline(Duration.ofHours(12));

    Custodian first = builder.build();
    Custodian second = builder.build();

    // Equal: the same configuration, line for line.
    List<String> lines = infoLines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo(lines.get(0));
    assertThat(second.clock()).isEqualTo(first.clock());
    assertThat(second.defaultClientZone()).isEqualTo(first.defaultClientZone());
    assertThat(second.instructingRoles()).isEqualTo(first.instructingRoles());
    assertThat(second.retention().schedule()).isEqualTo(first.retention().schedule());

    // Independent: defaults kept in memory were made for each, so nothing written through one
    // shows in the other.
    assertThat(second).isNotSameAs(first);
    assertThat(second.stateStore()).isNotSameAs(first.stateStore());
    assertThat(second.hostData()).isNotSameAs(first.hostData());
    assertThat(second.evidence()).isNotSameAs(first.evidence());
    assertThat(second.subjectRequests()).isNotSameAs(first.subjectRequests());
    assertThat(second.terminations()).isNotSameAs(first.terminations());
    var headBefore = second.evidence().head();
    first.evidence().append(EvidenceRecord.of("test.marker", "system"));
    assertThat(first.evidence().head()).isPresent();
    assertThat(second.evidence().head()).isEqualTo(headBefore);
  }

  @Test
  void changingTheBuilderAfterABuildLeavesThatInstanceAsBuilt() {
    CustodianBuilder builder = Custodian.builder().clock(CLOCK).pseudonymizationKey(KEY);
    Custodian first = builder.build();

    builder.defaultClientZone(ZoneOffset.ofHours(3));
    Custodian second = builder.build();

    assertThat(first.defaultClientZone()).isEqualTo(CustodianBuilder.DEFAULT_CLIENT_ZONE);
    assertThat(second.defaultClientZone()).isEqualTo(ZoneOffset.ofHours(3));
  }

  @Test
  void aBuildLogsOneInfoLineWithTheEffectiveConfigurationAndNoSecret() {
    ProcessorIdentity identity = new ProcessorIdentity("Fictional Telephony SAS",
        "1 rue de l'Exemple, 75001 Paris", "dpo@example.com");
    Custodian.builder().clock(CLOCK).pseudonymizationKey(KEY).evidenceKey(EVIDENCE_KEY)
        .processorIdentity(identity).notificationDeadline(Duration.ofHours(12)).build();

    List<String> lines = infoLines();
    assertThat(lines).hasSize(1);
    String line = lines.get(0);
    assertThat(line).startsWith("Custodian built: ")
        .contains("stateStore=InMemoryStateStore")
        .contains("hostData=InMemoryHostData")
        .contains("notificationDeadline=PT12H")
        .contains("defaultClientZone=Europe/Paris")
        .contains("pseudonymizationKey=fingerprint " + EffectiveConfiguration.fingerprint(KEY))
        .contains("evidenceKey=fingerprint " + EffectiveConfiguration.fingerprint(EVIDENCE_KEY))
        .contains("processorIdentity=configured")
        .contains("keyCustody=InMemoryKeyCustody");
    assertThat(EffectiveConfiguration.fingerprint(KEY))
        .isNotEqualTo(EffectiveConfiguration.fingerprint(EVIDENCE_KEY));
    for (byte[] secret : List.of(KEY, EVIDENCE_KEY)) {
      assertThat(line).doesNotContain(new String(secret, StandardCharsets.UTF_8))
          .doesNotContain(HexFormat.of().formatHex(secret))
          .doesNotContain(Base64.getEncoder().encodeToString(secret));
    }
    assertThat(line).doesNotContain("dpo@example.com").doesNotContain("Fictional Telephony")
        .doesNotContain("rue de l'Exemple");
  }

  @Test
  void aRefusedBuildLogsNoConfiguration() {
    InMemoryHostData host = new InMemoryHostData();
    host.put(new HostRecord(CategoryId.of("VOICEMAIL"), ClientId.of("acme"), "1", Instant.EPOCH,
        Set.of(), null));
    CustodianBuilder builder = Custodian.builder().clock(CLOCK).pseudonymizationKey(KEY)
        .hostData(host);
    assertThatThrownBy(builder::build).isInstanceOf(UnscheduledCategoryException.class);
    assertThat(infoLines()).isEmpty();
  }
}
