package dev.custodian.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared detector of phone numbers and e-mail addresses in clear (R-EVID-2, R-DSR-2). */
class PersonalDataDetectorTest {
  private static final long SEED = Long.getLong("custodian.seed", System.nanoTime());
  private final PersonalDataDetector detector = PersonalDataDetector.standard();

  @ParameterizedTest
  @ValueSource(strings = {"+33 (0)6 39 98 12 34", "0033 6 39 98 12 34", "06 39 98 12 34",
      "06.39.98.12.34", "0639981234", "(+33) 6 39 98 12 34", "+33639981234", "+33 6 39 98 12 34",
      "+33-6-39-98-12-34", "0033.1.99.00.12.34", "+33 1 99 00 12 34", "01 99 00 12 34",
      "(01) 99 00 12 34", "06-39-98-12-34", "06/39/98/12/34", "+1 202 555 0143", "+9991234567",
      "+44 (0)20 7946 0958"})
  void recognisesEveryWritingOfAPhoneNumber_R_EVID_2(String phone) {
    assertThat(detector.containsPhoneNumber(phone)).as(phone).isTrue();
    for (String text : List.of("call " + phone + " back", "basis: " + phone, phone + ".",
        "tel:" + phone, "[" + phone + "]", "caller=" + phone + ";")) {
      assertThat(detector.containsPhoneNumber(text)).as(text).isTrue();
      assertThat(detector.containsPersonalData(text)).as(text).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jane.doe@example.com", "mail from Jane.Doe@Example.COM today",
      "<anne+tag@mail.example.com>"})
  void recognisesEmailAddresses_R_EVID_2(String text) {
    assertThat(detector.containsEmailAddress(text)).isTrue();
    assertThat(detector.containsPersonalData(text)).isTrue();
  }

  /** False positives would refuse the evidence of every duty: none of these is personal data. */
  @ParameterizedTest
  @ValueSource(strings = {"", "42", "0", "215000000", "1234567890", "611000", "7600",
      "2026-12-02", "2026-12-02T22:43:17Z", "2026-12-02T22:43:17.123456Z",
      "2026-12-02T22:43:17+01:00", "2026-01-15T10:00:00.000001Z/000001234",
      "550e8400-e29b-41d4-a716-446655440000", "hold-550e8400-e29b-41d4-a716-446655440000",
      "plan-2026-12-02T22:43:17Z-7f3a", "R-RET-3", "R-DSR-2", "R-EVID-1", "rule:CALL_RECORDING:R-RET-3",
      "CALL_RECORDING", "[CALL_RECORDING, SMS_CONTENT]", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "0639981234abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0639981234",
      "sha256:3f2a0639981234ffe0", "phone:4f0c2a9d1e7b3c5a6d8e9f0a1b2c3d4e", "acme", "globex",
      "[phone:4f0c2a9d, email:9e8d7c6b]", "P30D", "PT72H", "3.14159265", "1.0E7",
      "ab+1234567cd", "count=1000000 rows=2000000", "tenant 12 3456 7890"})
  void ordinaryEvidenceDetailsAreNotPersonalData(String text) {
    assertThat(detector.containsPersonalData(text)).as(text).isFalse();
  }

  /**
   * Property: random evidence-like details (ids, counts, instants, UUIDs, digests) are never taken
   * for personal data. Replay with {@code -Dcustodian.seed=<seed>}.
   */
  @Test
  void randomOrdinaryDetailsAreNeverFlagged() {
    Random random = new Random(SEED);
    for (int i = 0; i < 10000; i++) {
      String detail = switch (random.nextInt(6)) {
        case 0 -> Long.toString(random.nextLong() & Long.MAX_VALUE);
        case 1 -> java.time.Instant.ofEpochSecond(random.nextInt(2_000_000_000),
            random.nextInt(1_000_000) * 1000L).toString();
        case 2 -> new UUID(random.nextLong(), random.nextLong()).toString();
        case 3 -> sha256Hex(random);
        case 4 -> "plan-" + new UUID(random.nextLong(), random.nextLong());
        default -> Integer.toString(random.nextInt(Integer.MAX_VALUE));
      };
      assertThat(detector.containsPersonalData(detail)).as("seed %d: %s", SEED, detail).isFalse();
    }
  }

  /**
   * Property: every writing {@link PhoneNumber#of} accepts, and every national writing {@link
   * PhoneNumber#of(String, String)} accepts for France, is found by the detector in free text.
   * Replay with {@code -Dcustodian.seed=<seed>}.
   */
  @Test
  void everyNumberTheParsersAcceptIsFound_R_EVID_2() {
    Random random = new Random(SEED);
    String[] separators = {" ", ".", "-", "", "/"};
    for (int i = 0; i < 500; i++) {
      String national = "0" + (1 + random.nextInt(7)) + String.format("%08d", random.nextInt(100_000_000));
      String sep = separators[random.nextInt(separators.length)];
      List<String> groups = new ArrayList<>();
      for (int g = 0; g < 10; g += 2) {
        groups.add(national.substring(g, g + 2));
      }
      String nat = String.join(sep, groups);
      String rest = nat.substring(1);
      String written = switch (random.nextInt(5)) {
        case 0 -> nat;
        case 1 -> "+33 " + rest;
        case 2 -> "0033" + sep + rest;
        case 3 -> "+33 (0)" + rest;
        default -> "(+33) " + rest;
      };
      PhoneNumber parsed;
      try {
        parsed = PhoneNumber.of(written, "FR");
      } catch (IllegalArgumentException e) {
        continue;
      }
      assertThat(parsed.value()).isEqualTo("+33" + national.substring(1));
      String text = "note " + written + " end";
      assertThat(detector.containsPhoneNumber(text)).as("seed %d: %s", SEED, text).isTrue();
    }
  }

  @Test
  void parsesWholeValuesInTheRegion() {
    assertThat(detector.parsePhoneNumber("06 39 98 12 34")).hasValue("+33639981234");
    assertThat(detector.parsePhoneNumber("+33 (0)6 39 98 12 34")).hasValue("+33639981234");
    assertThat(detector.parsePhoneNumber("06 39 98")).isEmpty();
    assertThat(detector.parsePhoneNumber("user-42")).isEmpty();
    assertThat(PersonalDataDetector.forRegion("be").parsePhoneNumber("0470 12 34 56"))
        .hasValue("+32470123456");
    assertThatThrownBy(() -> PersonalDataDetector.forRegion("XX"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISO 3166");
  }

  private static String sha256Hex(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      s.append(Character.forDigit(random.nextInt(16), 16));
    }
    return s.toString();
  }
}
