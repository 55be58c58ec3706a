package dev.custodian.termination;

import dev.custodian.client.ClientId;
import dev.custodian.hold.DeletionGate;
import dev.custodian.internal.Json;
import dev.custodian.retention.AtTermination;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.CategoryPolicy;
import dev.custodian.retention.ClockStart;
import dev.custodian.retention.RetentionRule;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.retention.RuleKind;
import dev.custodian.spi.HostData;
import dev.custodian.spi.RecordSelection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the retention schedule's behaviour at termination into a plan per category (R-TERM-2,
 * R-TERM-3, R-TERM-5). It reads the schedule; it never keeps a schedule of its own.
 */
final class Planner {
  private static final String DPA_8_3 = "DPA 8.3";

  private final RetentionSchedule schedule;
  private final HostData hostData;
  private final DeletionGate gate;
  private final String version;

  Planner(RetentionSchedule schedule, HostData hostData, DeletionGate gate) {
    this.schedule = schedule;
    this.hostData = hostData;
    this.gate = gate;
    this.version = fingerprint(schedule);
  }

  /** The schedule's version, recorded in manifests and certificates. */
  String scheduleVersion() {
    return version;
  }

  /** True if the schedule marks the category as the operator's own data. */
  boolean notClientData(CategoryId category) {
    return schedule.category(category)
        .map(p -> p.atTermination() == AtTermination.NOT_CLIENT_DATA).orElse(false);
  }

  /** True if the schedule keeps the category as a restricted archive after termination. */
  boolean legallyArchived(CategoryId category) {
    return schedule.category(category)
        .map(p -> p.atTermination() == AtTermination.LEGAL_ARCHIVE_THEN_DELETE).orElse(false);
  }

  /**
   * The plan: every category of the schedule and of the host, with its counts now.
   *
   * @param zone the client's zone, in which archive periods are counted
   */
  List<TerminationCase.CategoryStep> plan(ClientId client, TerminationMode mode,
      Instant terminationDate, ZoneId zone) {
    Set<CategoryId> hostOnly = new TreeSet<>(hostData.categories());
    List<TerminationCase.CategoryStep> steps = new ArrayList<>();
    for (CategoryPolicy p : schedule.categories()) {
      hostOnly.remove(p.id());
      steps.add(step(client, p.id(), Optional.of(p), mode, terminationDate, zone));
    }
    for (CategoryId extra : hostOnly) {
      steps.add(step(client, extra, Optional.empty(), mode, terminationDate, zone));
    }
    return steps;
  }

  private TerminationCase.CategoryStep step(ClientId client, CategoryId category,
      Optional<CategoryPolicy> policy, TerminationMode mode, Instant terminationDate, ZoneId zone) {
    RecordSelection all = RecordSelection.all(client, category);
    long count = hostData.count(all);
    long held = count == 0 ? 0 : gate.countHeld(all);
    AtTermination at = policy.map(CategoryPolicy::atTermination).orElse(AtTermination.RETURN_OR_DELETE);
    Disposition d;
    String basis;
    Period period = null;
    boolean fromContractEnd = false;
    Instant until = null;
    switch (at) {
      case NOT_CLIENT_DATA -> {
        d = Disposition.NOT_CLIENT_DATA;
        basis = policy.get().description();
      }
      case NOT_STORED -> {
        d = count > 0 ? Disposition.DELETE : Disposition.NOT_STORED;
        basis = count > 0 ? "never to be stored (R-RET-4): found at termination and deleted"
            : "never stored (R-RET-4)";
      }
      case DELETE -> {
        d = Disposition.DELETE;
        basis = policy.flatMap(Planner::terminationDeleteRule).map(RetentionRule::basis)
            .orElse(DPA_8_3 + ": deleted at termination");
      }
      case RETURN_OR_DELETE -> {
        d = mode == TerminationMode.RETURN ? Disposition.RETURN_THEN_DELETE : Disposition.DELETE;
        basis = switch (mode) {
          case RETURN -> DPA_8_3 + ": returned at the client's choice, then deleted";
          case DELETE -> DPA_8_3 + ": deleted irreversibly at the client's choice";
          case DELETE_BY_DEFAULT -> DPA_8_3 + ": no choice by the deadline, deleted";
        };
        if (policy.isEmpty()) {
          basis += " (category not in the retention schedule)";
        }
      }
      case LEGAL_ARCHIVE_THEN_DELETE -> {
        CategoryPolicy p = policy.get();
        if (p.retention() == null) {
          throw new IllegalStateException("category " + category
              + " is kept as a legal archive at termination but the schedule gives no period");
        }
        d = Disposition.LEGAL_ARCHIVE;
        period = p.retention();
        fromContractEnd = p.countedFrom() == ClockStart.CONTRACT_END;
        // From each record's time, the last record (before the termination date) ends no later.
        until = terminationDate.atZone(zone).plus(period).toInstant();
        basis = archiveBasis(p);
      }
      default -> throw new IllegalStateException("unknown behaviour at termination: " + at);
    }
    // An empty category has nothing to restrict or delete: it is settled by the plan itself,
    // whose evidence shows it held no record.
    boolean empty = count == 0;
    return new TerminationCase.CategoryStep(category, d, basis, period, fromContractEnd, until,
        count, held, 0, empty && d == Disposition.LEGAL_ARCHIVE, 0, null,
        empty && (d == Disposition.DELETE || d == Disposition.RETURN_THEN_DELETE), 0, 0, 0);
  }

  private static Optional<RetentionRule> terminationDeleteRule(CategoryPolicy p) {
    return p.rules().stream()
        .filter(r -> r.kind() == RuleKind.DELETE && r.clock() == ClockStart.CONTRACT_END)
        .findFirst();
  }

  private static String archiveBasis(CategoryPolicy p) {
    return p.rules().stream().filter(RetentionRule::isLegalFloor).map(RetentionRule::basis)
        .findFirst()
        .or(() -> p.rules().stream()
            .filter(r -> r.kind() == RuleKind.RETAIN && r.clock() == ClockStart.CONTRACT_END
                && r.period() != null && !r.period().isZero())
            .map(RetentionRule::basis).findFirst())
        .orElse(p.description());
  }

  private static String fingerprint(RetentionSchedule schedule) {
    byte[] json = Json.write(schedule.categories()).getBytes(StandardCharsets.UTF_8);
    return "sha256:" + Digests.sha256(json).substring(0, 16);
  }
}
