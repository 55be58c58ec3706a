/**
 * The ground floor: the words every duty and every host port share, such as {@link
 * dev.custodian.terms.CategoryId}, {@link dev.custodian.terms.SubjectRight} and {@link
 * dev.custodian.terms.InstructedAction}.
 *
 * <p>It depends on no other package of the project but {@code dev.custodian.client}, so that any
 * duty and any port may use it without tying itself to another duty (docs/architecture.md; an
 * architecture test keeps it so).
 */
package dev.custodian.terms;
