package dev.custodian.dsr;

import static dev.custodian.dsr.World.ACME;
import static dev.custodian.dsr.World.GLOBEX;
import static dev.custodian.dsr.World.JANE_PHONE;
import static dev.custodian.dsr.World.OPERATOR;
import static dev.custodian.dsr.World.admin;
import static dev.custodian.dsr.World.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.ClientNotice;
import dev.custodian.terms.RequestChannel;
import dev.custodian.terms.SubjectRight;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Currency;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssistanceServiceTest {
  private static final Quote QUOTE = new Quote(new BigDecimal("450.00"), Currency.getInstance("EUR"),
      "extract and redact three years of call recordings", LocalDate.of(2026, 2, 15));
  private final World w = new World();
  private AssistanceService assistance;
  private String caseId;

  @BeforeEach
  void aCase() {
    assistance = w.custodian.assistance();
    w.record(ACME, CategoryId.CALL_RECORDING, JANE_PHONE);
    caseId = w.dsr().receive(OPERATOR, SubjectRequestIntake.of(SubjectRight.ACCESS,
        RequestChannel.EMAIL, w.clock.instant(), JANE_PHONE)).cases().get(0).caseId();
  }

  @Test
  void billableWorkStartsOnlyAfterTheClientAcceptsTheQuote_R_DSR_5() {
    AssistanceRequest a = assistance.request(admin(ACME), caseId,
        "we cannot export recordings ourselves");
    assertThatThrownBy(() -> assistance.startBillableWork(OPERATOR, a.id()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("accepted the quote");

    AssistanceRequest quoted = assistance.quote(OPERATOR, a.id(), QUOTE);
    assertThat(quoted.state()).isEqualTo(AssistanceRequest.State.QUOTED);
    assertThat(quoted.quoteSentAt()).isNotNull();
    assertThat(w.notifier.noticesFor(ACME)).filteredOn(n -> n instanceof ClientNotice.AssistanceQuote)
        .singleElement().satisfies(n -> assertThat(((ClientNotice.AssistanceQuote) n).amount())
            .isEqualByComparingTo("450"));
    assertThatThrownBy(() -> assistance.startBillableWork(OPERATOR, a.id()))
        .isInstanceOf(IllegalStateException.class);

    assertThatThrownBy(() -> assistance.accept(user(ACME), a.id()))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> assistance.accept(admin(GLOBEX), a.id()))
        .isInstanceOf(NoSuchElementException.class);
    assertThat(assistance.accept(admin(ACME), a.id()).state())
        .isEqualTo(AssistanceRequest.State.ACCEPTED);
    AssistanceRequest started = assistance.startBillableWork(OPERATOR, a.id());
    assertThat(started.billable()).isTrue();
    assertThat(assistance.complete(OPERATOR, a.id(), "export delivered to the client").state())
        .isEqualTo(AssistanceRequest.State.COMPLETED);

    assertThat(w.evidenceStore.readAll(1, 1000)).extracting(EvidenceEntry::action)
        .containsSubsequence("dsr.assistance.requested", "dsr.assistance.start_refused",
            "dsr.assistance.quoted", "dsr.assistance.quote_sent", "dsr.assistance.start_refused",
            "dsr.assistance.quote_accepted", "dsr.assistance.started", "dsr.assistance.completed");
  }

  @Test
  void aDeclinedOrExpiredQuoteNeverLeadsToBillableWork_R_DSR_5() {
    AssistanceRequest a = assistance.request(admin(ACME), caseId, "help");
    assistance.quote(OPERATOR, a.id(), QUOTE);
    assistance.decline(admin(ACME), a.id(), "too expensive");
    assertThatThrownBy(() -> assistance.startBillableWork(OPERATOR, a.id()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("DECLINED");

    AssistanceRequest b = assistance.request(admin(ACME), caseId, "help again");
    assistance.quote(OPERATOR, b.id(), QUOTE);
    w.advance(Duration.ofDays(16));
    assertThatThrownBy(() -> assistance.accept(admin(ACME), b.id()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("expired");
  }

  @Test
  void helpWithoutChargeNeedsNoQuote_R_DSR_5() {
    AssistanceRequest a = assistance.request(admin(ACME), caseId, "a small question");
    AssistanceRequest started = assistance.startWithoutCharge(OPERATOR, a.id());
    assertThat(started.billable()).isFalse();
    assertThatThrownBy(() -> assistance.quote(OPERATOR, a.id(), QUOTE))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aQuoteThatFailedToReachTheClientIsSentLater_R_DSR_5() {
    AssistanceRequest a = assistance.request(admin(ACME), caseId, "help");
    w.notifier.failNext(1);
    assertThat(assistance.quote(OPERATOR, a.id(), QUOTE).quoteSentAt()).isNull();
    assertThat(assistance.sendPendingQuotes()).isEqualTo(1);
    assertThat(assistance.sendPendingQuotes()).isZero();
  }

  @Test
  void quotesAreValidated_R_DSR_5() {
    AssistanceRequest a = assistance.request(admin(ACME), caseId, "help");
    assertThatThrownBy(() -> assistance.quote(OPERATOR, a.id(), new Quote(BigDecimal.ZERO,
        Currency.getInstance("EUR"), "x", LocalDate.of(2026, 3, 1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amount");
    // Refused outright since issue 15's access matrix (was: the case reads as absent).
    assertThatThrownBy(() -> assistance.request(user(ACME), caseId, "help"))
        .isInstanceOf(SecurityException.class);
    assertThat(assistance.list(admin(ACME), ACME)).hasSize(1);
    assertThatThrownBy(() -> assistance.list(admin(GLOBEX), ACME))
        .isInstanceOf(SecurityException.class);
  }
}
