package dev.custodian.audit;

import java.util.Objects;

/**
 * Who the processor is, for the record of processing (GDPR 30(2)(a)). The defaults say "not
 * configured": a host sets its own.
 *
 * @param dpoContact the name and contact details of its data-protection officer or contact point
 */
public record ProcessorIdentity(String name, String address, String dpoContact) {

  /** Placeholders that say the host has not set its identity. */
  public static final ProcessorIdentity NOT_CONFIGURED =
      new ProcessorIdentity("(processor name not configured)", "(address not configured)",
          "(data-protection contact not configured)");

  public ProcessorIdentity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(dpoContact, "dpoContact");
  }
}
