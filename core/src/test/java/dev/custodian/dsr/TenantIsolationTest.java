package dev.custodian.dsr;

import static dev.custodian.dsr.World.ACME;
import static dev.custodian.dsr.World.GLOBEX;
import static dev.custodian.dsr.World.JANE_EMAIL;
import static dev.custodian.dsr.World.JANE_PHONE;
import static dev.custodian.dsr.World.OPERATOR;
import static dev.custodian.dsr.World.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.client.ClientPrincipal;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.internal.Json;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.ClientNotice;
import dev.custodian.terms.RequestChannel;
import dev.custodian.terms.SubjectRight;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** R-DSR-6, R-ACC-2: a subject in two clients' data, and nothing crossing between them. */
class TenantIsolationTest {
  private final World w = new World();
  private SubjectRequest request;
  private SubjectCase acmeCase;
  private SubjectCase globexCase;

  @BeforeEach
  void aSubjectKnownToTwoClients() {
    w.record(ACME, CategoryId.CALL_LOG, JANE_PHONE);
    w.record(ACME, CategoryId.CALL_LOG, JANE_PHONE);
    w.record(GLOBEX, CategoryId.SMS_CONTENT, JANE_EMAIL);
    w.record(GLOBEX, CategoryId.CONTACT_MANUAL, JANE_EMAIL, JANE_PHONE);
    request = w.dsr().receive(OPERATOR, SubjectRequestIntake.of(SubjectRight.ACCESS,
        RequestChannel.EMAIL, w.clock.instant(), JANE_PHONE, JANE_EMAIL));
    acmeCase = w.dsr().cases(admin(ACME), ACME).get(0);
    globexCase = w.dsr().cases(admin(GLOBEX), GLOBEX).get(0);
  }

  @Test
  void aSubjectInTwoClientsDataYieldsTwoCases_R_DSR_6() {
    assertThat(request.cases()).extracting(SubjectRequest.CaseRef::client)
        .containsExactly(ACME, GLOBEX);
    assertThat(w.dsr().cases(admin(ACME), ACME)).hasSize(1);
    assertThat(w.dsr().cases(admin(GLOBEX), GLOBEX)).hasSize(1);
    assertThat(acmeCase.id()).isNotEqualTo(globexCase.id());
  }

  @Test
  void neitherCaseNorNoticeRevealsTheOtherClient_R_DSR_6() {
    assertThat(acmeCase.subjects()).containsExactly(JANE_PHONE);
    assertThat(acmeCase.located()).containsOnlyKeys(CategoryId.CALL_LOG);
    assertThat(globexCase.subjects()).containsExactlyInAnyOrder(JANE_PHONE, JANE_EMAIL);
    assertThat(globexCase.located()).containsOnlyKeys(CategoryId.SMS_CONTENT,
        CategoryId.CONTACT_MANUAL);

    String acmeView = Json.write(acmeCase) + noticesJson(ACME);
    String globexView = Json.write(globexCase) + noticesJson(GLOBEX);
    assertThat(acmeView).doesNotContain(GLOBEX.value(), globexCase.id(), "SMS_CONTENT",
        "CONTACT_MANUAL", JANE_EMAIL.value());
    assertThat(globexView).doesNotContain(ACME.value(), acmeCase.id(), "CALL_LOG");
    assertThat(w.notifier.noticesFor(ACME)).singleElement()
        .isInstanceOfSatisfying(ClientNotice.SubjectRequest.class,
            n -> assertThat(n.caseId()).isEqualTo(acmeCase.id()));
  }

  @Test
  void eachClientsEvidenceShowsOnlyItsOwnCase_R_DSR_6() {
    List<EvidenceEntry> acme = w.custodian.evidence().readFor(admin(ACME), ACME, 1, 1000);
    assertThat(acme).isNotEmpty().allSatisfy(e -> {
      assertThat(e.client()).isEqualTo(ACME);
      assertThat(e.details().values().toString()).doesNotContain(globexCase.id(), GLOBEX.value());
    });
    // The routing entry that links the two cases is processor-wide, not in either client's log.
    assertThat(w.evidenceStore.readAll(1, 1000)).filteredOn(e -> e.action()
        .equals("dsr.request.routed")).singleElement().satisfies(e -> assertThat(e.client())
            .isNull());
  }

  @Test
  void aPrincipalOfOneClientCannotInstructForAnother_R_ACC_2() {
    ClientPrincipal acmeAdmin = admin(ACME);
    assertThatThrownBy(() -> w.dsr().instruct(acmeAdmin, globexCase.id(),
        w.instruction(acmeAdmin, InstructedAction.ERASE, CategoryId.SMS_CONTENT)))
        .isInstanceOf(NoSuchElementException.class);
    // Even written for the other client's case, the other client's instruction is not theirs.
    assertThatThrownBy(() -> w.dsr().instruct(OPERATOR, globexCase.id(),
        w.instruction(acmeAdmin, InstructedAction.ERASE, CategoryId.SMS_CONTENT)))
        .isInstanceOf(SecurityException.class);
    assertThat(w.custodian.instructions().list(admin(GLOBEX), GLOBEX, null)).isEmpty();
    // The refusal is recorded under the attempting principal's client, revealing nothing to GLOBEX.
    assertThat(w.evidenceStore.readAll(1, 1000)).filteredOn(e -> e.action()
        .equals("dsr.instruction.refused")).singleElement().satisfies(e -> assertThat(e.client())
            .isEqualTo(ACME));
  }

  @Test
  void anInstructionOfOneClientCannotUnlockAnotherClientsCase_R_ACC_2() {
    Instruction acmes = w.dsr().instruct(admin(ACME), acmeCase.id(),
        w.instruction(admin(ACME), InstructedAction.ERASE, CategoryId.SMS_CONTENT));
    w.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> w.dsr().erase(admin(GLOBEX), globexCase.id(), acmes.id(),
        Set.of(CategoryId.SMS_CONTENT))).hasMessageContaining("refused");
    assertThat(w.hostData.findSubject(GLOBEX, Set.of(JANE_EMAIL))).hasSize(2);
  }

  @Test
  void aPrincipalOfOneClientCannotReadAnotherClientsCasesInstructionsOrEvidence_R_ACC_2() {
    ClientPrincipal acmeAdmin = admin(ACME);
    assertThat(w.dsr().findCase(acmeAdmin, globexCase.id())).isEmpty();
    assertThatThrownBy(() -> w.dsr().cases(acmeAdmin, GLOBEX)).isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> w.dsr().locate(acmeAdmin, globexCase.id()))
        .isInstanceOf(NoSuchElementException.class);
    Instruction globexs = w.dsr().instruct(admin(GLOBEX), globexCase.id(),
        w.instruction(admin(GLOBEX), InstructedAction.EXPORT, CategoryId.SMS_CONTENT));
    assertThat(w.custodian.instructions().find(acmeAdmin, globexs.id())).isEmpty();
    assertThatThrownBy(() -> w.custodian.instructions().list(acmeAdmin, GLOBEX, null))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> w.custodian.evidence().readFor(acmeAdmin, GLOBEX, 1, 10))
        .isInstanceOf(SecurityException.class);
    w.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> w.dsr().exportForClient(acmeAdmin, globexCase.id(), globexs.id(),
        Set.of(CategoryId.SMS_CONTENT))).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> w.dsr().extend(acmeAdmin, globexCase.id(), 1, "no"))
        .isInstanceOf(NoSuchElementException.class);
  }

  private String noticesJson(dev.custodian.client.ClientId client) {
    return Json.write(w.notifier.noticesFor(client));
  }
}
