package dev.custodian.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.jdbc.JdbcHostData;
import dev.custodian.jdbc.JdbcStateStore;
import dev.custodian.terms.CategoryId;
import dev.custodian.subject.PhoneNumber;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The sample's default set-up: embedded H2, its tables mapped from application.yml. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SampleAppH2Test {

  @Autowired
  Custodian custodian;

  @Test
  void startsOnH2WithItsOwnTablesMapped() {
    assertThat(custodian.stateStore()).isInstanceOf(JdbcStateStore.class);
    assertThat(custodian.hostData()).isInstanceOf(JdbcHostData.class);
    assertThat(custodian.hostData().categories())
        .containsExactlyInAnyOrder(CategoryId.CALL_LOG, CategoryId.SMS_LOG,
            CategoryId.CONTACT_MANUAL);
    assertThat(custodian.hostData().clientsHolding(List.of(PhoneNumber.of("+33199000101"))))
        .containsExactlyInAnyOrder(ClientId.of("acme"), ClientId.of("globex"));
  }
}
