package dev.custodian.access;

import static dev.custodian.access.AccessMatrixTest.ACME;
import static dev.custodian.access.AccessMatrixTest.principal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.client.Actor;
import dev.custodian.client.Principal;
import dev.custodian.terms.CategoryId;
import java.time.Period;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Finding 1 of issue 15, reproduced end to end: what decides deletion, or hands over a client's
 * data, comes only from principals who may decide it (R-ACC-1, DPA 8.3, Annex A, R-TERM-3).
 * Each assertion failed on the main branch before the access matrix.
 */
class Issue15FindingsTest {
  private final AccessMatrixTest.Fx fx = new AccessMatrixTest.Fx();
  private final Principal user = principal(Actor.USER);
  private final Principal supervisor = principal(Actor.SUPERVISOR);
  private final Principal security = principal(Actor.SECURITY_TEAM);

  @Test
  void aClientUserCannotRequestDeletionAndTheSweepDeletesNothing_R_ACC_1() {
    long rows = fx.host.size();
    assertThatThrownBy(() -> fx.c.retention().requestDeletion(user, ACME,
        Set.of(CategoryId.CALL_RECORDING), Set.of(), "ticket")).isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> fx.c.retention().requestDeletion(user, ACME,
        Set.of(CategoryId.SMS_CONTENT), Set.of(), "ticket")).isInstanceOf(SecurityException.class);
    fx.c.retention().sweep();
    assertThat(fx.host.size()).isEqualTo(rows);
    // The same request by the client's administrator is carried out: the sweep would delete.
    fx.c.retention().requestDeletion(principal(Actor.ADMINISTRATOR), ACME,
        Set.of(CategoryId.CALL_RECORDING), Set.of(), "ticket");
    fx.c.retention().sweep();
    assertThat(fx.host.contains(CategoryId.CALL_RECORDING, "r2")).isFalse();
  }

  @Test
  void onlyTheOperatorsTerminationPathRecordsAContractEnd_DPA_8_3() {
    long rows = fx.host.size();
    for (Principal p : List.of(user, supervisor, security, principal(Actor.ADMINISTRATOR))) {
      assertThatThrownBy(() -> fx.c.retention().events().contractEnded(p, ACME,
          fx.clock.instant(), "letter")).isInstanceOf(SecurityException.class);
    }
    fx.c.retention().sweep();
    assertThat(fx.host.size()).isEqualTo(rows);
    assertThat(fx.c.retention().events().contractEnd(Principal.system(), ACME)).isEmpty();
    assertThat(fx.c.processingGate().permits(ACME)).isTrue();
  }

  @Test
  void aClientUserCannotTurnSynchronisationOffNorChangeSettings_Annex_A_R_RET_3() {
    assertThatThrownBy(() -> fx.c.retention().events().crmSyncTurnedOff(user, ACME,
        fx.clock.instant(), "dashboard")).isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> fx.c.retention().setDuration(user, ACME, CategoryId.CALL_RECORDING,
        Period.ofDays(1))).isInstanceOf(SecurityException.class);
    long rows = fx.host.size();
    fx.c.retention().sweep();
    assertThat(fx.host.size()).isEqualTo(rows);
  }

  @Test
  void onlyTheClientsAdministratorsGetADownloadTokenForTheReturnArchive_R_TERM_3() {
    fx.delivered();
    for (Principal p : List.of(user, supervisor, security, principal(Actor.OPERATOR))) {
      assertThatThrownBy(() -> fx.c.terminations().issueDownloadToken(p, ACME))
          .isInstanceOf(SecurityException.class);
    }
    assertThat(fx.c.terminations().issueDownloadToken(principal(Actor.ADMINISTRATOR), ACME))
        .isNotNull();
    assertThat(fx.c.terminations().issueDownloadToken(principal(Actor.SUPER_ADMINISTRATOR), ACME))
        .isNotNull();
  }

  @Test
  void theSecurityTeamReadsNoClientsEvidence_R_ACC_1() {
    fx.caseId();
    assertThatThrownBy(() -> fx.c.evidence().readFor(security, ACME, 1, 100))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> fx.c.evidence().readFor(user, ACME, 1, 100))
        .isInstanceOf(SecurityException.class);
    assertThat(fx.c.evidence().readFor(principal(Actor.ADMINISTRATOR), ACME, 1, 100)).isNotEmpty();
  }
}
