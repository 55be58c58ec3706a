package dev.custodian.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionBounds;
import dev.custodian.retention.RetentionService.DeletionRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code of docs/guide/retention-settings.md, between the GUIDE markers (checked by {@code GuideTest}). */
class RetentionSettingsGuideTest {
  private static final ClientId ATELIER = ClientId.of("atelier-nord");
  private final ClientPrincipal admin =
      ClientPrincipal.of("admin-1", ATELIER, ClientRole.ADMINISTRATOR);

  @Test
  void clientDurationsStayWithinTheProcessorsBounds_R_RET_3() {
    // GUIDE:begin
    Custodian custodian = Custodian.builder()
        .retentionBounds(RetentionBounds.defaults()   // recordings, transcriptions: 1 day to 10 years
            .with(CategoryId.CALL_RECORDING, Period.ofDays(7), Period.ofYears(2)))
        .clock(Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC))
        .pseudonymizationKey("guide-example-key-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8))
        .build();

    custodian.retention().setDuration(admin, ClientId.of("atelier-nord"),
        CategoryId.CALL_RECORDING, Period.ofMonths(6));                  // within bounds: recorded
    assertThatThrownBy(() -> custodian.retention().setDuration(admin, ClientId.of("atelier-nord"),
        CategoryId.CALL_RECORDING, Period.ofYears(5)))                   // above the maximum
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum P2Y");
    assertThatThrownBy(() -> custodian.retention().setDuration(admin, ClientId.of("atelier-nord"),
        CategoryId.CALL_LOG, Period.ofMonths(3)))                        // the law sets call logs
        .isInstanceOf(IllegalArgumentException.class);
    custodian.retention().setZone(admin, ClientId.of("atelier-nord"), ZoneId.of("America/Martinique"));
    // GUIDE:end
    assertThat(custodian.retention().settings(admin, ATELIER).duration(CategoryId.CALL_RECORDING))
        .isEqualTo(Period.ofMonths(6));
  }

  @Test
  void aDeletionRequestForTrafficDataIsDeferredNotRefused_R_RET_2() {
    Custodian custodian = Custodian.builder()
        .clock(Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC))
        .pseudonymizationKey("guide-example-key-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8))
        .build();
    // GUIDE:begin
    DeletionRequest request = custodian.retention().requestDeletion(admin, ClientId.of("atelier-nord"),
        Set.of(CategoryId.CALL_LOG, CategoryId.SMS_CONTENT), Set.of(), "client ticket 8812");

    assertThat(request.deferredUntil().get(CategoryId.SMS_CONTENT)).isNull(); // next sweep
    assertThat(request.deferredUntil().get(CategoryId.CALL_LOG))              // CPCE L.34-1
        .isEqualTo(Instant.parse("2027-12-02T09:00:00Z"));
    // GUIDE:end
  }
}
