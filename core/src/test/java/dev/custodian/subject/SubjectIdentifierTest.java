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

  @Test
  void identifiersRoundTripThroughJson() {
    SubjectIdentifier[] all = {PhoneNumber.of("+33199001234"), EmailAddress.of("a@example.com"),
        UserId.of("u-1"), new SsoId("okta|00u1")};
    for (SubjectIdentifier id : all) {
      assertThat(Json.read(Json.write(id), SubjectIdentifier.class)).isEqualTo(id);
    }
  }
}
