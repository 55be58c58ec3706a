package dev.custodian.spi;

/**
 * How the library alerts the processor's privacy contact (R-DSR-7, R-DSR-2): a subject request
 * that matches no client, a client notification that is overdue, a prohibition whose review date
 * has come. The host routes it to a ticket queue, a pager, a mailbox.
 *
 * <p>An escalation carries ids and codes only, never personal data. Throw to signal failure; the
 * library keeps the escalation pending and retries it.
 */
@FunctionalInterface
public interface EscalationChannel {

  void escalate(Escalation escalation);
}
