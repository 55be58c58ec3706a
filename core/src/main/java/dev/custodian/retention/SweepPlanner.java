package dev.custodian.retention;

// Over 400 lines on purpose: one planning algorithm (per client, grouped, counted in one snapshot).

import dev.custodian.client.ClientId;
import dev.custodian.hold.DeletionGate;
import dev.custodian.hold.Hold;
import dev.custodian.hold.HoldService;
import dev.custodian.spi.GroupCount;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostPartition;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.Transactions;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.terms.CategoryId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Makes dry-run plans (R-RET-5): for each client and category of the host's data, finds by probing
 * the classifier the time cutoffs before which records are deletable (exact, since deletability is
 * a prefix of record time) and counts through the host-data SPI what they select and what holds
 * spare. Deletes nothing.
 *
 * <p>The counts of one entry (one client and category) are read in one snapshot ({@link
 * Transactions#inOneSnapshot}) where the stores share one, so that matched, held and held-by-hold
 * agree with each other even while another node sweeps; different entries are counted one after
 * the other, so the plan's totals are the sum of consistent entries taken at successive moments.
 * The clients of a category whose entry is one slice up to the same cutoff (the common case) are
 * counted together, in one snapshot and one pass over the host's data ({@link
 * HostData#countGroup}), with their holds read in that snapshot.
 */
final class SweepPlanner {
  private final Classifier classifier;
  private final HostData hostData;
  private final DeletionGate gate;
  private final HoldService holdService;
  private final Function<List<ClientId>, Map<ClientId, ClientContext>> contexts;
  private final int batchSize;
  private final Transactions transactions;

  /** Clients per group at most: one group's criteria stay a reasonable statement. */
  static final int MAX_GROUP = 1000;
  /** Time slices per group at most. */
  static final int MAX_SLICES = 64;
  /** A group is cut into time slices of about this many batches each. */
  static final int BATCHES_PER_SLICE = 6;

  SweepPlanner(Classifier classifier, HostData hostData, DeletionGate gate, HoldService holdService,
      Function<List<ClientId>, Map<ClientId, ClientContext>> contexts, int batchSize,
      Transactions transactions) {
    this.transactions = transactions;
    this.batchSize = batchSize;
    this.holdService = holdService;
    this.classifier = classifier;
    this.hostData = hostData;
    this.gate = gate;
    this.contexts = contexts;
  }

  RetentionPlan plan(Instant now) {
    String id = "sweep-" + now.toEpochMilli() + "-" + UUID.randomUUID().toString().substring(0, 8);
    List<PlanEntry> entries = new ArrayList<>();
    List<SweepGroup> groups = new ArrayList<>();
    List<SweepPartition> partitions = new ArrayList<>();
    Map<ClientId, ClientContext> cache = new LinkedHashMap<>();
    RetentionSchedule schedule = classifier.schedule();
    for (CategoryPolicy policy : schedule.categories()) {
      if (!hostData.categories().contains(policy.id())) {
        continue;
      }
      CategoryId category = policy.id();
      List<ClientId> ids = List.copyOf(hostData.clients(category));
      List<ClientId> unread = ids.stream().filter(c -> !cache.containsKey(c)).toList();
      if (!unread.isEmpty()) {
        cache.putAll(contexts.apply(unread));
      }
      List<ClientContext> clients = ids.stream().map(cache::get).toList();
      Map<ClientId, PlanEntry> together = countedTogether(clients, category, now);
      List<PlanEntry> ofCategory = new ArrayList<>();
      for (ClientContext ctx : clients) {
        String unit = String.format("u%06d", entries.size() + 1);
        PlanEntry counted = together.get(ctx.client());
        PlanEntry e = counted == null ? entry(unit, ctx, category, now)
            : new PlanEntry(unit, counted.client(), category, counted.selections(),
                counted.heldByHold(), false, null, 0);
        if (e.matched() > 0 || e.restrictable() > 0) {
          entries.add(e);
          ofCategory.add(e);
        }
      }
      group(category, ofCategory, groups, partitions);
    }
    return new RetentionPlan(id, now, entries, groups, partitions);
  }

  /**
   * The entries of the clients whose whole plan in {@code category} is one slice up to a cutoff
   * (no subject slice, no restricted archive: most clients, under the same rule), counted per
   * cutoff in one pass over the host's data ({@link HostData#countGroup}) rather than client by
   * client; the other clients are absent, to be counted one by one. Each cutoff's clients are
   * counted in one snapshot, their holds read in it. Units are left blank.
   */
  private Map<ClientId, PlanEntry> countedTogether(List<ClientContext> clients, CategoryId category,
      Instant now) {
    Map<Instant, Map<ClientId, String>> rulesByCutoff = new LinkedHashMap<>();
    for (ClientContext ctx : clients) {
      Scope scope = scope(ctx, category, now);
      Cutoffs.Cut restrict = scope.restrict();
      if (scope.scoped().isEmpty() && !scope.cut().none() && !scope.cut().all()
          && (restrict.none() || restrictSelection(ctx.client(), category, scope.cut(),
              restrict.all(), restrict.before()) == null)) {
        Instant before = scope.cut().before();
        String rule = ruleAt(scope.main(), category, before.minusNanos(1), Set.of(), now);
        rulesByCutoff.computeIfAbsent(before, k -> new LinkedHashMap<>()).put(ctx.client(), rule);
      }
    }
    Map<ClientId, PlanEntry> out = new LinkedHashMap<>();
    rulesByCutoff.forEach((before, rules) -> out.putAll(transactions.inOneSnapshot(
        () -> countedAtCutoff(category, before, rules))));
    return out;
  }

  private Map<ClientId, PlanEntry> countedAtCutoff(CategoryId category, Instant before,
      Map<ClientId, String> rules) {
    Map<ClientId, List<Hold>> holds = new LinkedHashMap<>();
    Map<ClientId, List<RecordSelection.Exclusion>> spared = new LinkedHashMap<>();
    holdService.active(dev.custodian.client.Principal.system(), List.copyOf(rules.keySet()))
        .forEach((client, all) -> {
          List<Hold> active = all.stream().filter(h -> h.covers(client, category)).toList();
          holds.put(client, active);
          spared.put(client, active.stream().map(Hold::asExclusion).toList());
        });
    GroupSelection group = new GroupSelection(category, null, before, spared);
    Map<ClientId, GroupCount> counts = hostData.countGroup(group);
    Map<ClientId, PlanEntry> out = new LinkedHashMap<>();
    rules.forEach((client, rule) -> {
      GroupCount n = counts.getOrDefault(client, new GroupCount(0, 0));
      long held = n.matched() - n.selected();
      Map<String, Long> heldByHold = new LinkedHashMap<>();
      List<Hold> active = holds.get(client);
      if (held > 0 && active.size() == 1) {
        heldByHold.put(active.get(0).id(), held);
      } else if (held > 0) {
        RecordSelection all = new RecordSelection(client, category, null, before, Set.of(), List.of());
        for (Hold h : active) {
          long byHold = n.matched() - hostData.count(all.withExcluding(List.of(h.asExclusion())));
          if (byHold > 0) {
            heldByHold.put(h.id(), byHold);
          }
        }
      }
      out.put(client, new PlanEntry("u000000", client, category, List.of(new PlannedSelection(
          rule, null, before, Set.of(), List.of(), n.matched(), held)), heldByHold, false, null, 0));
    });
    return out;
  }

  /** The events and cutoffs that shape a client's entry in a category, holds left out. */
  private record Scope(ClientContext probe, ClientContext main, List<ClientEvent> wide,
      List<ClientEvent> scoped, Cutoffs.Cut cut, Cutoffs.Cut restrict) {}

  private Scope scope(ClientContext ctx, CategoryId category, Instant now) {
    ClientContext probe = ctx.withHolds(List.of());
    List<ClientEvent> wide = new ArrayList<>();
    List<ClientEvent> scoped = new ArrayList<>();
    for (ClientEvent e : probe.events()) {
      if (!e.concerns(category)) {
        continue;
      }
      (e.subjects().isEmpty() ? wide : scoped).add(e);
    }
    ClientContext main = probe.withEvents(wide);
    Cutoffs.Cut cut = Cutoffs.of(t -> deletable(main, category, t, Set.of(), now));
    Cutoffs.Cut restrict = Cutoffs.of(t -> restricted(main, category, t, now));
    return new Scope(probe, main, wide, scoped, cut, restrict);
  }

  /**
   * Groups the entries of one category that delete everything before a common cutoff under the
   * same rule, with nothing else to do (no subject slice, no restricted archive): two clients or
   * more make a group, cut into time slices of about {@value #BATCHES_PER_SLICE} batches each when
   * the host can tell where its records start. A group's whole partitions, where the host lists
   * some, become units of their own ({@link SweepPartition}).
   */
  private void group(CategoryId category, List<PlanEntry> candidates, List<SweepGroup> groups,
      List<SweepPartition> partitions) {
    Map<List<Object>, List<PlanEntry>> byCut = new LinkedHashMap<>();
    for (PlanEntry e : candidates) {
      if (groupable(e)) {
        PlannedSelection s = e.selections().get(0);
        byCut.computeIfAbsent(List.of(s.before(), s.rule()), k -> new ArrayList<>()).add(e);
      }
    }
    for (List<PlanEntry> members : byCut.values()) {
      for (int i = 0; i + 1 < members.size(); i += MAX_GROUP) {
        List<PlanEntry> group = members.subList(i, Math.min(members.size(), i + MAX_GROUP));
        long[] whole = wholePartitions(category, group, partitions);
        slice(category, group, groups, whole[0], whole[1]);
      }
    }
  }

  private static boolean groupable(PlanEntry e) {
    if (e.selections().size() != 1) {
      return false;
    }
    PlannedSelection s = e.selections().get(0);
    return s.from() == null && s.before() != null && s.subjects().isEmpty() && s.excluding().isEmpty()
        && restrictSelection(e.client(), e.category(), e) == null;
  }

  /**
   * The whole partitions the host would let go for this group, as units; returns the rows and the
   * deletable rows they hold. Only where a unit of work spans the host's tables, the evidence and
   * the work queue: emptying a partition, its evidence and its completion must commit together.
   */
  private long[] wholePartitions(CategoryId category, List<PlanEntry> members,
      List<SweepPartition> out) {
    if (!transactions.atomic()) {
      return new long[2];
    }
    PlannedSelection first = members.get(0).selections().get(0);
    List<ClientId> clients = members.stream().map(PlanEntry::client).sorted().toList();
    Map<ClientId, List<RecordSelection.Exclusion>> all = new LinkedHashMap<>();
    clients.forEach(c -> all.put(c, List.of()));
    GroupSelection group = gate.sparingHolds(new GroupSelection(category, null, first.before(), all));
    long rows = 0;
    long deletable = 0;
    for (HostPartition p : hostData.partitions(group)) {
      out.add(new SweepPartition(String.format("e%06d", out.size() + 1), category, first.rule(),
          p.name(), p.from(), p.before(), clients, members.stream().map(PlanEntry::unit).toList(),
          p.rows(), p.deletable()));
      rows += p.rows();
      deletable += p.deletable();
    }
    return new long[] {rows, deletable};
  }

  /**
   * Cuts a group into time slices; {@code wholeRows} and {@code wholeDeletable}: what its whole
   * partitions hold, left out of the slices' sizes and shares (the slices still cover their range).
   */
  private void slice(CategoryId category, List<PlanEntry> members, List<SweepGroup> groups,
      long wholeRows, long wholeDeletable) {
    PlannedSelection first = members.get(0).selections().get(0);
    Instant before = first.before();
    List<ClientId> clients = members.stream().map(PlanEntry::client).sorted().toList();
    List<String> units = members.stream().map(PlanEntry::unit).toList();
    long matched = Math.max(0, members.stream().mapToLong(PlanEntry::matched).sum() - wholeRows);
    long deletable = Math.max(0,
        members.stream().mapToLong(PlanEntry::deletable).sum() - wholeDeletable);
    long perSlice = (long) batchSize * BATCHES_PER_SLICE;
    int wanted = (int) Math.min(MAX_SLICES, Math.max(1, (matched + perSlice - 1) / perSlice));
    List<Instant> bounds = new ArrayList<>();
    if (wanted > 1) {
      Map<ClientId, List<RecordSelection.Exclusion>> all = new LinkedHashMap<>();
      clients.forEach(c -> all.put(c, List.of()));
      hostData.earliest(new GroupSelection(category, null, before, all))
          .filter(start -> start.isBefore(before))
          .ifPresent(start -> {
            Duration step = Duration.between(start, before).dividedBy(wanted);
            for (int k = 1; k < wanted; k++) {
              // Whole seconds: every store compares them exactly.
              Instant b = start.plus(step.multipliedBy(k)).truncatedTo(ChronoUnit.SECONDS);
              if (b.isAfter(start) && b.isBefore(before)
                  && (bounds.isEmpty() || b.isAfter(bounds.get(bounds.size() - 1)))) {
                bounds.add(b);
              }
            }
          });
    }
    int n = bounds.size() + 1;
    long assigned = 0;
    for (int k = 0; k < n; k++) {
      long share = k == n - 1 ? deletable - assigned : deletable / n;
      assigned += share;
      groups.add(new SweepGroup(String.format("g%06d", groups.size() + 1), category, first.rule(),
          k == 0 ? null : bounds.get(k - 1), k == n - 1 ? before : bounds.get(k), clients, units,
          share));
    }
  }

  /** One entry, its counts read in one snapshot: they agree with each other while another node sweeps. */
  PlanEntry entry(String unit, ClientContext ctx, CategoryId category, Instant now) {
    return transactions.inOneSnapshot(() -> counted(unit, ctx, category, now));
  }

  private PlanEntry counted(String unit, ClientContext ctx, CategoryId category, Instant now) {
    ClientId client = ctx.client();
    Scope scope = scope(ctx, category, now);
    ClientContext probe = scope.probe();
    List<ClientEvent> wide = scope.wide();
    List<ClientEvent> scoped = scope.scoped();
    ClientContext main = scope.main();
    List<PlannedSelection> slices = new ArrayList<>();
    Map<String, Long> heldByHold = new LinkedHashMap<>();
    List<Hold> holds = holdService.active(dev.custodian.client.Principal.system(), client, category);

    Cutoffs.Cut cut = scope.cut();
    Instant mainBefore = cut.before();
    if (!cut.none()) {
      String rule = ruleAt(main, category, cut.all() ? Cutoffs.HIGH : mainBefore.minusNanos(1), Set.of(), now);
      slices.add(slice(rule, null, mainBefore, Set.of(), List.of(), client, category, holds, heldByHold));
    }
    if (!cut.all()) {
      List<RecordSelection.Exclusion> taken = new ArrayList<>();
      for (ClientEvent e : scoped) {
        List<ClientEvent> one = new ArrayList<>(wide);
        one.add(e);
        ClientContext withEvent = probe.withEvents(one);
        Set<SubjectIdentifier> subjects = e.subjects();
        Cutoffs.Cut c = Cutoffs.of(t -> deletable(withEvent, category, t, subjects, now));
        if (c.none()) {
          continue;
        }
        Instant from = cut.none() ? null : mainBefore;
        Instant before = c.before();
        if (from != null && before != null && !from.isBefore(before)) {
          continue;
        }
        String rule = ruleAt(withEvent, category, before == null ? Cutoffs.HIGH : before.minusNanos(1), subjects, now);
        slices.add(slice(rule, from, before, subjects, taken, client, category, holds, heldByHold));
        taken.add(new RecordSelection.Exclusion(subjects, from, before));
      }
    }
    // Restricted archive: records no longer processed, not deleted by this plan.
    Cutoffs.Cut restrict = scope.restrict();
    long restrictable = 0;
    boolean restrictAll = restrict.all();
    Instant restrictBefore = restrict.before();
    if (!restrict.none()) {
      RecordSelection r = restrictSelection(client, category, cut, restrictAll, restrictBefore);
      restrictable = r == null ? 0 : hostData.count(r);
    }
    return new PlanEntry(unit, client, category, slices, heldByHold, restrictAll, restrictBefore, restrictable);
  }

  /** The restricted window of an entry, minus what the main slice deletes; null if empty. */
  static RecordSelection restrictSelection(ClientId client, CategoryId category, PlanEntry e) {
    PlannedSelection first = e.selections().isEmpty() ? null : e.selections().get(0);
    boolean mainSlice = first != null && first.subjects().isEmpty();
    Cutoffs.Cut cut = !mainSlice ? Cutoffs.Cut.NONE
        : first.before() == null ? Cutoffs.Cut.ALL : new Cutoffs.Cut(false, false, first.before());
    return restrictSelection(client, category, cut, e.restrictAll(), e.restrictBefore());
  }

  private static RecordSelection restrictSelection(ClientId client, CategoryId category,
      Cutoffs.Cut deleted, boolean all, Instant before) {
    if (deleted.all() || (!all && before == null)) {
      return null;
    }
    Instant from = deleted.none() ? null : deleted.before();
    if (from != null && before != null && !from.isBefore(before)) {
      return null;
    }
    return RecordSelection.all(client, category).withWindow(from, all ? null : before);
  }

  private PlannedSelection slice(String rule, Instant from, Instant before,
      Set<SubjectIdentifier> subjects, List<RecordSelection.Exclusion> taken, ClientId client,
      CategoryId category, List<Hold> holds, Map<String, Long> heldByHold) {
    RecordSelection s = new RecordSelection(client, category, from, before, subjects, taken);
    long matched = hostData.count(s);
    long held = 0;
    if (matched > 0 && !holds.isEmpty()) {
      held = matched - hostData.count(gate.sparingHolds(s));
      for (Hold h : holds) {
        List<RecordSelection.Exclusion> x = new ArrayList<>(taken);
        x.add(h.asExclusion());
        long n = matched - hostData.count(s.withExcluding(x));
        if (n > 0) {
          heldByHold.merge(h.id(), n, Long::sum);
        }
      }
    }
    return new PlannedSelection(rule, from, before, subjects, taken, matched, held);
  }

  private boolean deletable(ClientContext ctx, CategoryId category, Instant t,
      Set<SubjectIdentifier> subjects, Instant now) {
    return classifier.classify(RecordFacts.of(ctx.client(), category, t, subjects), ctx, now).deletable();
  }

  private boolean restricted(ClientContext ctx, CategoryId category, Instant t, Instant now) {
    Decision d = classifier.classify(RecordFacts.of(ctx.client(), category, t, Set.of()), ctx, now);
    return d instanceof Decision.RestrictedArchive || d.deletable();
  }

  private String ruleAt(ClientContext ctx, CategoryId category, Instant t,
      Set<SubjectIdentifier> subjects, Instant now) {
    Decision d = classifier.classify(RecordFacts.of(ctx.client(), category, t, subjects), ctx, now);
    return d.rule() == null ? "none" : d.rule().id();
  }
}
