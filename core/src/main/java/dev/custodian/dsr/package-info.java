/**
 * Data-subject requests reaching the processor (DPA 9, GDPR 12 and 15-22; R-DSR-1 to R-DSR-8).
 *
 * <p>{@link dev.custodian.dsr.SubjectRequestService} takes a request in, routes it to every client
 * holding data on the subject (one {@link dev.custodian.dsr.SubjectCase} per client, each knowing
 * only its own data), notifies each client within a deadline, shows the client its legal clock
 * ({@link dev.custodian.dsr.LegalClock}), and carries out export, erasure, restriction,
 * rectification and the answer to the subject, each only on the client's verified instruction.
 * {@link dev.custodian.dsr.AssistanceService} quotes assistance before billable work (R-DSR-5).
 */
package dev.custodian.dsr;
