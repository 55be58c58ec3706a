package dev.custodian.instruction;

import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.InstructingRoles;
import dev.custodian.terms.CategoryId;
import dev.custodian.terms.InstructedAction;
import dev.custodian.terms.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The conditions an instruction must meet (R-DSR-3), each checked in one place, for the recording
 * of a draft and for the verification before an action alike: the failed conditions are collected
 * with a reason each. One instance per check; not thread-safe.
 */
final class InstructionConditions {
  private final EnumSet<Condition> failed = EnumSet.noneOf(Condition.class);
  private final List<String> reasons = new ArrayList<>();

  /** Written: a document reference is on record. */
  InstructionConditions written(String documentReference) {
    if (documentReference == null || documentReference.isBlank()) {
      fail(Condition.WRITTEN, "no written document is on record");
    }
    return this;
  }

  /** Specific: it names this target, this action, and a scope containing {@code scope}. */
  InstructionConditions specific(Instruction i, Target target, InstructedAction action,
      Set<CategoryId> scope) {
    if (!i.target().equals(target.id()) || i.targetKind() != target.kind()) {
      fail(Condition.SPECIFIC, "it names another request");
    } else if (i.action() != action) {
      fail(Condition.SPECIFIC, "it orders " + i.action() + ", not " + action);
    } else if (!i.scope().containsAll(scope)) {
      Set<CategoryId> missing = new TreeSet<>(scope);
      missing.removeAll(i.scope());
      fail(Condition.SPECIFIC, "its scope does not cover " + missing);
    }
    return this;
  }

  /** Prior, as far as recording can tell: not issued before the request was received. */
  InstructionConditions issuedAfterReceipt(Instant issuedAt, Target target) {
    if (issuedAt.isBefore(target.receivedAt())) {
      fail(Condition.PRIOR, "issued before the request was received");
    }
    return this;
  }

  /** Prior: issued not before the request was received, and issued and recorded by {@code now}. */
  InstructionConditions prior(Instruction i, Target target, Instant now) {
    issuedAfterReceipt(i.issuedAt(), target);
    if (!failed.contains(Condition.PRIOR)
        && (i.issuedAt().isAfter(now) || i.recordedAt().isAfter(now))) {
      fail(Condition.PRIOR, "issued after the action");
    }
    return this;
  }

  /** Authorised: its author holds, now, an instructing role of the client. */
  InstructionConditions authorised(InstructingRoles roles, ClientPrincipal author,
      ClientId client) {
    if (!roles.mayInstruct(author, client)) {
      fail(Condition.AUTHORISED, "its author holds no instructing role of the client");
    }
    return this;
  }

  boolean met() {
    return failed.isEmpty();
  }

  EnumSet<Condition> failed() {
    return EnumSet.copyOf(failed);
  }

  /** The refusal naming every failed condition, for instruction {@code instructionId}. */
  Verification.Refused refusal(String instructionId) {
    return new Verification.Refused(instructionId, failed, reasons);
  }

  private void fail(Condition condition, String reason) {
    failed.add(condition);
    reasons.add(reason);
  }
}
