package dev.custodian.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.internal.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectIdentifierTest {

  @ParameterizedTest
  @ValueSource(strings = {"+33 1 99 00 12 34", "0033 1 99 00 12 34", "+33 (0)1 99 00 12 34",
      "+33.1.99.00.12.34", "+33-199-001-234"})
  void phoneNumbersNormaliseToE164(String raw) {
    assertThat(PhoneNumber.of(raw).value()).isEqualTo("+33199001234");
  }

  @Test
  void nationalNumbersTakeTheCountryCode() {
    assertThat(PhoneNumber.ofNational("06 39 98 12 34", "33").value()).isEqualTo("+33639981234");
  }

  @ParameterizedTest
  @ValueSource(strings = {"01 99 00 12 34", "+0 1 99", "+33 1 99 00 12 34 56 78 90", "+33 1 99 00 AB",
      "", "   "})
  void badPhoneNumbersGetAClearErrorWithoutEchoingTheNumber(String raw) {
    assertThatThrownBy(() -> PhoneNumber.of(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("phone number")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("99 00"));
  }

  @Test
  void emailsAreTrimmedAndLowerCased() {
    assertThat(EmailAddress.of("  Jane.Doe@Example.COM ").value()).isEqualTo("jane.doe@example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jane", "jane@", "@example.com", "ja ne@example.com", "jane@@example.com",
      "jane@example", ".jane@example.com", "jane..doe@example.com"})
  void badEmailsAreRefused(String raw) {
    assertThatThrownBy(() -> EmailAddress.of(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("e-mail");
  }

  @Test
  void toStringIsMasked_R_EVID_2() {
    PhoneNumber phone = PhoneNumber.of("+33 1 99 00 12 34");
    EmailAddress mail = EmailAddress.of("jane.doe@example.com");
    assertThat(phone.toString()).isEqualTo("+33*******34").doesNotContain("199001");
    assertThat(mail.toString()).isEqualTo("j***@example.com");
    assertThat(UserId.of("user-12345").toString()).isEqualTo("us***(10)");
  }

  @Test
  void pseudonymsAreStableKeyedAndOpaque_R_EVID_2() {
    Pseudonymizer p = new Pseudonymizer(new byte[32]);
    Pseudonymizer other = new Pseudonymizer("another key of thirty-two bytes!".getBytes());
    PhoneNumber phone = PhoneNumber.of("+33 6 39 98 00 01");
    assertThat(p.pseudonym(phone)).isEqualTo(p.pseudonym(PhoneNumber.of("0033639980001")))
        .startsWith("phone:").hasSize(6 + 32).doesNotContain("639980001");
    assertThat(other.pseudonym(phone)).isNotEqualTo(p.pseudonym(phone));
    assertThatThrownBy(() -> new Pseudonymizer(new byte[16])).hasMessageContaining("32 bytes");
  }

  @Test
  void parseGuessesTheKind() {
    assertThat(SubjectIdentifier.parse("+33 1 99 00 12 34")).isInstanceOf(PhoneNumber.class);
    assertThat(SubjectIdentifier.parse("jane@example.com")).isInstanceOf(EmailAddress.class);
    assertThat(SubjectIdentifier.parse("u-42")).isInstanceOf(UserId.class);
  }

  /** Issue 15 finding 6: a national number was taken for a user id and the request went unmatched. */
  @ParameterizedTest
  @ValueSource(strings = {"06 39 98 12 34", "06.39.98.12.34", "0639981234", "06-39-98-12-34",
      "(06) 39 98 12 34", "+33 (0)6 39 98 12 34", "0033 6 39 98 12 34", "(+33) 6 39 98 12 34"})
  void nationalAndInternationalNumbersAreReadWithTheClientsRegion_R_DSR_2(String raw) {
    assertThat(SubjectIdentifier.parse(raw)).isEqualTo(new PhoneNumber("+33639981234"));
    assertThat(SubjectIdentifier.parse(raw, "FR")).isEqualTo(new PhoneNumber("+33639981234"));
    assertThat(PhoneNumber.of(raw, "FR").value()).isEqualTo("+33639981234");
  }

  @Test
  void anotherRegionReadsItsOwnNationalNumbers_R_DSR_2() {
    assertThat(SubjectIdentifier.parse("0470 12 34 56", "BE")).isEqualTo(new PhoneNumber("+32470123456"));
    assertThat(PhoneNumber.ofNational("0470 12 34 56", "32").value()).isEqualTo("+32470123456");
  }

  /** Written like a phone number but not one: refused, saying how to write it, never a user id. */
  @ParameterizedTest
  @ValueSource(strings = {"06 39 98", "06 39 98 12 34 56 78", "0639", "01.99", "(06) 39",
      "+33 6 39", "06 39 98 12 3"})
  void incompleteNumbersAreRefusedNotTakenForUserIds_R_DSR_2(String raw) {
    assertThatThrownBy(() -> SubjectIdentifier.parse(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("country code")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("39 98").doesNotContain("3998"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"u-42", "123456789", "42", "user-2024-001", "okta|00u1", "Jane_Doe"})
  void userIdsStayUserIds(String raw) {
    assertThat(SubjectIdentifier.parse(raw)).isEqualTo(UserId.of(raw));
  }

  /** libphonenumber logs through java.util.logging: the parsers must give it nothing to warn of. */
  @Test
  void parsingLogsNothing() {
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("com.google.i18n.phonenumbers");
    java.util.List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler handler = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    jul.addHandler(handler);
    try {
      PhoneNumber.of("+33 6 39 98 12 34");
      PhoneNumber.of("0033.6.39.98.12.34");
      PhoneNumber.of("06 39 98 12 34", "FR");
      SubjectIdentifier.parse("(+33) 6 39 98 12 34");
      PersonalDataDetector.standard().containsPersonalData("call +33 (0)6 39 98 12 34 or 0639981234");
    } finally {
      jul.removeHandler(handler);
    }
    assertThat(records).extracting(java.util.logging.LogRecord::getMessage).isEmpty();
  }

  @Test
  void anUnknownRegionIsRefused() {
    assertThatThrownBy(() -> SubjectIdentifier.parse("06 39 98 12 34", "XX"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISO 3166");
  }

  @Test
  void identifiersRoundTripThroughJson() {
    SubjectIdentifier[] all = {PhoneNumber.of("+33199001234"), EmailAddress.of("a@example.com"),
        UserId.of("u-1"), new SsoId("okta|00u1")};
    for (SubjectIdentifier id : all) {
      assertThat(Json.read(Json.write(id), SubjectIdentifier.class)).isEqualTo(id);
    }
  }
}
