package dev.custodian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.retention.AtTermination;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.CategoryPolicy;
import dev.custodian.retention.ClockStart;
import dev.custodian.retention.RetentionRule;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.retention.RuleKind;
import dev.custodian.retention.RuleSource;
import dev.custodian.retention.UnscheduledCategoryException;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.StoredState;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.memory.InMemoryStateStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What stops {@link Custodian.Builder#build()} at start-up (issue 15, finding 5): a category the
 * schedule lacks, a key that is a placeholder, a key other than the recorded one (R-EVID-2).
 */
class StartUpChecksTest {
  static final byte[] KEY = bytes("a fictional pseudonymisation key, first one");
  static final byte[] NEW_KEY = bytes("a fictional pseudonymisation key, second one");
  static final CategoryId VOICEMAIL = CategoryId.of("VOICEMAIL");

  private final InMemoryStateStore state = new InMemoryStateStore();
  private final InMemoryEvidenceStore evidence = new InMemoryEvidenceStore();

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Custodian.Builder builder(byte[] key) {
    return Custodian.builder().stateStore(state).evidenceStore(evidence)
        .hostData(new InMemoryHostData()).pseudonymizationKey(key);
  }

  @Test
  void aHostCategoryTheScheduleLacksStopsStartUpNamingTheValidOnes_R_RET_1() {
    InMemoryHostData host = new InMemoryHostData();
    host.put(new HostRecord(VOICEMAIL, ClientId.of("acme"), "1", Instant.EPOCH, Set.of(), null));
    assertThatThrownBy(() -> builder(KEY).hostData(host).build())
        .isInstanceOf(UnscheduledCategoryException.class)
        .hasMessageContaining("[VOICEMAIL]")
        .hasMessageContaining("CALL_LOG")
        .hasMessageContaining("CALL_RECORDING")
        .satisfies(e -> {
          UnscheduledCategoryException u = (UnscheduledCategoryException) e;
          assertThat(u.unknown()).containsExactly(VOICEMAIL);
          assertThat(u.valid()).contains(CategoryId.CALL_LOG).doesNotContain(VOICEMAIL);
        });
  }

  @Test
  void aHostCategoryAddedToTheScheduleStarts() {
    InMemoryHostData host = new InMemoryHostData();
    host.put(new HostRecord(VOICEMAIL, ClientId.of("acme"), "1", Instant.EPOCH, Set.of(), null));
    RetentionSchedule withVoicemail = RetentionSchedule.annexA().toBuilder()
        .category(new CategoryPolicy(VOICEMAIL, "Voicemail audio", Period.ofDays(90),
            ClockStart.RECORD_TIME, AtTermination.RETURN_OR_DELETE, false, false, List.of(
                RetentionRule.of("VOICEMAIL.max", VOICEMAIL, RuleSource.CONTRACT, RuleKind.DELETE,
                    ClockStart.RECORD_TIME, Period.ofDays(90), "host policy"))))
        .build();
    Custodian c = builder(KEY).hostData(host).retentionSchedule(withVoicemail).build();
    assertThat(c.retention().schedule().contains(VOICEMAIL)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"${CUSTODIAN_PSEUDONYMIZATION_KEY}", "${custodian.key:}xxxxxxxxxxxxxxxxxxxxxx",
      "%CUSTODIAN_PSEUDONYMIZATION_KEY_VALUE%", "changeme-changeme-changeme-changeme",
      "CHANGE_ME please, this is only a sample", "<your 32-byte pseudonymisation key here>",
      "{{ vault.custodian.pseudonymization_key }}", "#{environment['CUSTODIAN_KEY_VALUE']}",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "abababababababababababababababababab"})
  void aKeyThatLooksLikeAPlaceholderIsRefusedWithoutRepeatingIt(String key) {
    assertThatThrownBy(() -> builder(bytes(key)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("pseudonymizationKey is refused")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key));
  }

  @Test
  void aKeyOfZeroBytesIsRefused() {
    assertThatThrownBy(() -> builder(new byte[32]).build())
        .hasMessageContaining("1 distinct byte value");
  }

  @Test
  void randomAndPassphraseKeysStart() {
    byte[] random = new byte[32];
    new java.util.Random(15).nextBytes(random);
    assertThat(builder(random).build()).isNotNull();
    assertThat(Custodian.builder().pseudonymizationKey(
        bytes("Pa$sw0rd-like passphrase with 50% more entropy!")).build()).isNotNull();
  }

  @Test
  void theFirstStartRecordsAFingerprintNeverTheKey_R_EVID_2() {
    builder(KEY).build();
    StoredState s = state.find(PseudonymizationKeyCheck.KIND, PseudonymizationKeyCheck.ID)
        .orElseThrow();
    assertThat(s.body()).contains("fingerprint").doesNotContain("first one");
    // The same key starts again, as often as needed.
    builder(KEY).build();
    builder(KEY).build();
    assertThat(evidence.head()).isEmpty();
  }

  @Test
  void aDifferentKeyAtALaterStartStopsItSayingHowToRotate_R_EVID_2() {
    builder(KEY).build();
    assertThatThrownBy(() -> builder(NEW_KEY).build())
        .isInstanceOf(PseudonymizationKeyChangedException.class)
        .hasMessageContaining("rotatePseudonymizationKey(previousKey)")
        .hasMessageContaining("custodian.pseudonymization-key-rotation.previous")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("second one", "first one"));
    // Nothing changed: the first key still starts.
    builder(KEY).build();
  }

  @Test
  void aRotationFromTheRecordedKeyReplacesTheFingerprintWithEvidence_R_EVID_2() {
    builder(KEY).build();
    String before = state.find(PseudonymizationKeyCheck.KIND, PseudonymizationKeyCheck.ID)
        .orElseThrow().body();
    Custodian rotated = builder(NEW_KEY).rotatePseudonymizationKey(KEY).build();
    List<EvidenceEntry> entries = evidence.readAll(0, 10);
    assertThat(entries).extracting(EvidenceEntry::action)
        .containsExactly("pseudonymization.key.rotated");
    EvidenceEntry e = entries.get(0);
    assertThat(e.details()).containsKeys("previousFingerprint", "fingerprint");
    assertThat(before).contains(e.details().get("previousFingerprint"));
    assertThat(e.details().toString()).doesNotContain("first one", "second one");
    // From now on the new key starts alone and the old one is refused.
    builder(NEW_KEY).build();
    assertThatThrownBy(() -> builder(KEY).build())
        .isInstanceOf(PseudonymizationKeyChangedException.class);
    // A rotation left in the configuration does no harm.
    builder(NEW_KEY).rotatePseudonymizationKey(KEY).build();
    assertThat(rotated.evidence().verify().valid()).isTrue();
  }

  @Test
  void aRotationFromAKeyThatWasNeverRecordedIsRefused() {
    builder(KEY).build();
    byte[] stranger = bytes("a fictional pseudonymisation key, unknown one");
    assertThatThrownBy(() -> builder(NEW_KEY).rotatePseudonymizationKey(stranger).build())
        .isInstanceOf(PseudonymizationKeyChangedException.class)
        .hasMessageContaining("previous key given for a rotation is not that one");
  }

  @Test
  void readOnlyToolsNeitherRecordNorCompare() {
    builder(KEY).build();
    assertThat(builder(NEW_KEY).withoutKeyFingerprint().build()).isNotNull();
    InMemoryStateStore fresh = new InMemoryStateStore();
    Custodian.builder().stateStore(fresh).pseudonymizationKey(KEY).withoutKeyFingerprint().build();
    assertThat(fresh.find(PseudonymizationKeyCheck.KIND, PseudonymizationKeyCheck.ID)).isEmpty();
    assertThat(Arrays.equals(KEY, NEW_KEY)).isFalse();
  }
}
