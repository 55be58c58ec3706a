package dev.custodian.examples.demo;

import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;

/** Who acts in the demo: the processor's staff (staff ids, not personal data) and the clients' users. */
final class DemoPrincipals {
  static final ProcessorPrincipal OPERATOR = ProcessorPrincipal.of("op-support-1", ProcessorRole.OPERATOR);
  static final ProcessorPrincipal OFFICER =
      ProcessorPrincipal.of("dpo-office", ProcessorRole.DESIGNATED_OFFICER);
  static final ProcessorPrincipal SECURITY =
      ProcessorPrincipal.of("secops-1", ProcessorRole.SECURITY_TEAM);
  static final ClientPrincipal ATELIER_ADMIN =
      ClientPrincipal.of("atelier-nord/admin", DemoData.ATELIER, ClientRole.ADMINISTRATOR);
  static final ClientPrincipal ATELIER_USER =
      ClientPrincipal.of("atelier-nord/agent-7", DemoData.ATELIER, ClientRole.USER);
  static final ClientPrincipal STUDIO_ADMIN =
      ClientPrincipal.of("studio-est/admin", DemoData.STUDIO, ClientRole.SUPER_ADMINISTRATOR);

  private DemoPrincipals() {}
}
