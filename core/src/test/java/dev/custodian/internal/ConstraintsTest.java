package dev.custodian.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.terms.RequestChannel;
import dev.custodian.dsr.SubjectRequestIntake;
import dev.custodian.terms.SubjectRight;
import dev.custodian.subject.PhoneNumber;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConstraintsTest {

  @Test
  void validInputPassesUnchanged() {
    SubjectRequestIntake ok = SubjectRequestIntake.of(SubjectRight.ACCESS, RequestChannel.EMAIL,
        Instant.EPOCH, PhoneNumber.of("+33 1 99 00 12 34")).withReference("TCK-1");
    assertThat(Constraints.check(ok)).isSameAs(ok);
  }

  @Test
  void everyViolationIsNamedWithoutTheRejectedValue_R_EVID_2() {
    SubjectRequestIntake bad = new SubjectRequestIntake(SubjectRight.ACCESS, Set.of(),
        RequestChannel.EMAIL, Instant.EPOCH, "ring +33 1 99 00 12 34 back");
    assertThatThrownBy(() -> Constraints.check(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid SubjectRequestIntake: ")
        .hasMessageContaining("identifiers must not be empty")
        .hasMessageContaining("reference must not contain a phone number or e-mail address")
        .hasMessageNotContaining("99 00");
  }

  @Test
  void reasonsAreShortTextWithoutContactDetails() {
    assertThat(Constraints.reason("identity check")).isEqualTo("identity check");
    assertThatThrownBy(() -> Constraints.reason(null)).hasMessageContaining("required");
    assertThatThrownBy(() -> Constraints.reason("  ")).hasMessageContaining("must not be blank");
    assertThatThrownBy(() -> Constraints.reason("x".repeat(1001))).hasMessageContaining("size");
    assertThatThrownBy(() -> Constraints.reason("mail jane.doe@example.com"))
        .hasMessageNotContaining("jane");
  }

  @Test
  void noContactDetailsMatchesWhatTheEvidenceLogRefuses() {
    NoContactDetailsValidator v = new NoContactDetailsValidator();
    assertThat(v.isValid(null, null)).isTrue();
    assertThat(v.isValid("CPP art. 60-1, PV 2026/118", null)).isTrue();
    assertThat(v.isValid("+33 6 39 98 12 34", null)).isFalse();
    assertThat(v.isValid("+33639981234", null)).isFalse();
    assertThat(v.isValid("someone@example.com", null)).isFalse();
  }
}
