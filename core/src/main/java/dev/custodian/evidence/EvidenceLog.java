package dev.custodian.evidence;

import dev.custodian.client.AccessPolicy;
import dev.custodian.client.ClientId;
import dev.custodian.client.Operation;
import dev.custodian.client.Principal;
import dev.custodian.subject.PersonalDataDetector;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only, keyed hash-chained evidence log (R-EVID-1). Every duty writes here; a verifier
 * re-computes the chain with the {@link EvidenceKey}, compares it with its anchors and names what
 * broke. Reading is per client (R-ACC-2).
 *
 * <p>Each entry's hash is HMAC-SHA256 under the key, over the previous hash and the entry's
 * fields, so nobody without the key can change an entry and re-chain the rest. The head (sequence
 * and hash) is anchored where a cut shows: the store records it atomically with each append
 * ({@link EvidenceStore#recordedHead()}) and, if the host gives one, an {@link EvidenceAnchor}
 * receives it after each append. {@link #verify()} reports a log that ends before an anchored
 * head, an empty log that an anchor says held entries, and an entry whose hash differs from the
 * anchored one.
 *
 * <p>A log written before the keyed chain keeps its unkeyed ({@link ChainAlgorithm#SHA256})
 * entries; they verify as before and only as the log's prefix: the first append after the upgrade
 * is keyed, and an unkeyed entry after a keyed one is reported as re-chained without the key.
 *
 * <p>Thread-safe as far as its {@link EvidenceStore} and anchor are: appends go through the store's
 * atomic {@link EvidenceStore#append} so concurrent writers still form one chain.
 */
public final class EvidenceLog {
  /** The one detector the guard, the input validation and the subject parsers share (R-EVID-2). */
  private static final PersonalDataDetector DETECTOR = PersonalDataDetector.standard();
  private static final Logger LOG = LoggerFactory.getLogger(EvidenceLog.class);
  private static final int PAGE = 1000;
  private static final String STORE_HEAD = "the store's recorded head";

  private final EvidenceStore store;
  private final Clock clock;
  private final EvidenceKey key;
  private final EvidenceAnchor anchor;
  private final AccessPolicy access;

  /**
   * A log keyed with a random key that only this instance holds: its entries can be verified by
   * this instance and by nobody else, ever. For tests and logs kept in memory; a durable log needs
   * {@link #EvidenceLog(EvidenceStore, Clock, EvidenceKey)}. Reads follow the default access policy.
   */
  public EvidenceLog(EvidenceStore store, Clock clock) {
    this(store, clock, EvidenceKey.ephemeral(), null, AccessPolicy.DEFAULT);
  }

  /** Like {@link #EvidenceLog(EvidenceStore, Clock)}, with reads following {@code access}. */
  public EvidenceLog(EvidenceStore store, Clock clock, AccessPolicy access) {
    this(store, clock, EvidenceKey.ephemeral(), null, access);
  }

  /** A log keyed with {@code key}, anchored only by the store's recorded head. */
  public EvidenceLog(EvidenceStore store, Clock clock, EvidenceKey key) {
    this(store, clock, key, null, AccessPolicy.DEFAULT);
  }

  /**
   * A log keyed with {@code key} that publishes its head to {@code anchor} after each append
   * (null: none beyond the store's recorded head); reads follow the default access policy.
   */
  public EvidenceLog(EvidenceStore store, Clock clock, EvidenceKey key, EvidenceAnchor anchor) {
    this(store, clock, key, anchor, AccessPolicy.DEFAULT);
  }

  /**
   * A log keyed with {@code key}, publishing its head to {@code anchor} (or null), whose reads
   * follow {@code access} (the configured instructing roles).
   */
  public EvidenceLog(EvidenceStore store, Clock clock, EvidenceKey key, EvidenceAnchor anchor,
      AccessPolicy access) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.key = Objects.requireNonNull(key, "key");
    this.anchor = anchor;
    this.access = Objects.requireNonNull(access, "access");
  }

  /**
   * Appends one entry and returns it, chained to the current head. If the record names a step
   * already logged, appends nothing and returns the logged entry.
   *
   * @throws PersonalDataInEvidenceException if a field looks like a phone number or e-mail in clear
   */
  public EvidenceEntry append(EvidenceRecord record) {
    EvidenceEntry e = store.append(chained(record, now(), key));
    publish(e);
    return e;
  }

  /**
   * Appends several entries, in order, chained one after the other; atomically where the store can
   * (see {@link EvidenceStore#appendAll}). Nothing is appended if any record is refused. A record
   * whose step is already logged (or repeated in the list) is not appended again: its logged entry
   * takes its place in the result.
   *
   * @throws PersonalDataInEvidenceException if a field looks like a phone number or e-mail in clear
   */
  public List<EvidenceEntry> appendAll(List<EvidenceRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return List.of();
    }
    Instant at = now();
    List<Function<Optional<EvidenceEntry>, EvidenceEntry>> next = new ArrayList<>(records.size());
    for (EvidenceRecord r : records) {
      next.add(chained(r, at, key));
    }
    List<EvidenceEntry> out = store.appendAll(next);
    out.stream().max(Comparator.comparingLong(EvidenceEntry::sequence)).ifPresent(this::publish);
    return out;
  }

  /** The entry that is the evidence of {@code step}, if logged. */
  public Optional<EvidenceEntry> findStep(String step) {
    return store.findByStep(Objects.requireNonNull(step, "step"));
  }

  // The append is committed: a failing anchor must not make the caller believe otherwise (and
  // retry into a duplicate). It lags until the next publication; verify still has the store's head.
  private void publish(EvidenceEntry e) {
    if (anchor == null) {
      return;
    }
    try {
      anchor.publish(e.sequence(), e.hash(), e.at());
    } catch (RuntimeException failure) {
      LOG.warn("evidence anchor {} did not take head {}: {}", anchor.name(), e.sequence(),
          failure.getClass().getName());
    }
  }

  // Truncated to microseconds: every store (and the canonical encoding) keeps that precision.
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static Function<Optional<EvidenceEntry>, EvidenceEntry> chained(EvidenceRecord record,
      Instant at, EvidenceKey key) {
    // No personal-data check here: an EvidenceRecord that exists has passed it when built.
    Objects.requireNonNull(record, "record");
    return head -> {
      long seq = head.map(h -> h.sequence() + 1).orElse(1L);
      String prev = head.map(EvidenceEntry::hash).orElse(EvidenceEntry.GENESIS);
      EvidenceEntry draft = new EvidenceEntry(seq, at, record.client(), record.action(),
          record.actor(), record.basis(), record.details(), record.step(),
          ChainAlgorithm.HMAC_SHA256, prev, EvidenceEntry.GENESIS);
      return new EvidenceEntry(seq, at, record.client(), record.action(), record.actor(),
          record.basis(), record.details(), record.step(), ChainAlgorithm.HMAC_SHA256, prev,
          Canonical.hash(draft, key));
    };
  }

  /**
   * The entries of one client, oldest first, from {@code fromSequence} on.
   *
   * @throws SecurityException if {@code reader} may not read the client's evidence: another
   *     client's user (R-ACC-2), a client user without need to know, the processor's security
   *     team or the system (R-ACC-1; docs/access.md)
   */
  public List<EvidenceEntry> readFor(Principal reader, ClientId client, long fromSequence, int limit) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(client, "client");
    access.require(reader, Operation.EVIDENCE_READ, client);
    return store.readByClient(client, fromSequence, limit);
  }

  /** The last entry appended, if any. */
  public java.util.Optional<EvidenceEntry> head() {
    return store.head();
  }

  /**
   * Re-computes the whole chain with this log's key, compares it with the store's recorded head and
   * this log's anchor, and names the first thing broken.
   */
  public ChainVerification verify() {
    return anchor == null ? verify(store, key) : verify(store, key, anchor);
  }

  /**
   * Verifies the chain held by any store, usable offline by whoever holds the key: every entry's
   * sequence, link and keyed hash (unkeyed only for the log's pre-upgrade prefix), then the log
   * against the store's {@link EvidenceStore#recordedHead() recorded head} and each of {@code
   * anchors}: a log that ends before an anchored head was cut ({@link
   * ChainVerification.Problem#CUT_TAIL}, naming the missing entries) or emptied ({@link
   * ChainVerification.Problem#EMPTY_LOG}); an entry whose hash is not the anchored one was
   * rewritten ({@link ChainVerification.Problem#ANCHOR_MISMATCH}). With a wrong key every keyed
   * entry reads as changed.
   */
  public static ChainVerification verify(EvidenceStore store, EvidenceKey key,
      EvidenceAnchor... anchors) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(anchors, "anchors");
    // Anchors are read first: an append landing during the walk then cannot look like a cut.
    List<Map.Entry<String, AnchoredHead>> heads = new ArrayList<>();
    store.recordedHead().ifPresent(h -> heads.add(Map.entry(STORE_HEAD, h)));
    for (EvidenceAnchor a : anchors) {
      Optional<AnchoredHead> latest;
      try {
        latest = a.latest();
      } catch (RuntimeException failure) {
        return ChainVerification.broken(ChainVerification.Problem.ANCHOR_UNREADABLE, 0, 1,
            "the evidence anchor " + a.name() + " could not be read ("
                + failure.getClass().getSimpleName() + "), so a cut log would go unnoticed",
            0, OptionalLong.empty());
      }
      latest.ifPresent(h -> heads.add(Map.entry("the evidence anchor " + a.name(), h)));
    }
    OptionalLong anchored = heads.stream().mapToLong(h -> h.getValue().sequence()).max();

    String previous = EvidenceEntry.GENESIS;
    long expected = 1;
    long checked = 0;
    boolean keyedSeen = false;
    while (true) {
      List<EvidenceEntry> page = store.readAll(expected, PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (EvidenceEntry e : page) {
        checked++;
        long last = expected - 1;
        if (e.sequence() != expected) {
          String missing = e.sequence() == expected + 1 ? "entry " + expected + " is missing"
              : "entries " + expected + " to " + (e.sequence() - 1) + " are missing";
          return ChainVerification.broken(ChainVerification.Problem.MISSING_ENTRIES, checked,
              expected, missing, last, anchored);
        }
        if (!e.previousHash().equals(previous)) {
          return ChainVerification.broken(ChainVerification.Problem.BROKEN_LINK, checked,
              e.sequence(), "entry " + e.sequence() + ": link to the previous entry is wrong",
              last, anchored);
        }
        if (e.chain() == ChainAlgorithm.SHA256 && (keyedSeen || e.step() != null)) {
          return ChainVerification.broken(ChainVerification.Problem.UNKEYED_AFTER_KEYED, checked,
              e.sequence(), "entry " + e.sequence() + " is unkeyed after keyed entries: the log"
                  + " was re-chained without the key", last, anchored);
        }
        if (!Canonical.hash(e, key).equals(e.hash())) {
          return ChainVerification.broken(ChainVerification.Problem.CHANGED_ENTRY, checked,
              e.sequence(), "entry " + e.sequence() + ": content does not match its hash"
                  + (e.chain() == ChainAlgorithm.HMAC_SHA256
                      ? " (changed, or re-chained without the key; or the key is not the log's)"
                      : ""), last, anchored);
        }
        keyedSeen |= e.chain() == ChainAlgorithm.HMAC_SHA256;
        previous = e.hash();
        expected++;
      }
    }
    long last = expected - 1;
    for (Map.Entry<String, AnchoredHead> h : heads) {
      AnchoredHead head = h.getValue();
      if (head.sequence() > last) {
        if (last == 0) {
          return ChainVerification.broken(ChainVerification.Problem.EMPTY_LOG, checked, 1,
              "the log is empty but " + h.getKey() + " records " + head.sequence()
                  + " entries: entries 1 to " + head.sequence() + " are missing", last, anchored);
        }
        return ChainVerification.broken(ChainVerification.Problem.CUT_TAIL, checked, last + 1,
            "the log ends at entry " + last + " but " + h.getKey() + " records entry "
                + head.sequence() + ": entries " + (last + 1) + " to " + head.sequence()
                + " are missing (the log was cut or truncated)", last, anchored);
      }
      List<EvidenceEntry> at = store.readAll(head.sequence(), 1);
      if (at.isEmpty() || !at.get(0).hash().equals(head.hash())) {
        return ChainVerification.broken(ChainVerification.Problem.ANCHOR_MISMATCH, checked,
            head.sequence(), "entry " + head.sequence() + " does not carry the hash "
                + h.getKey() + " records: the log was rewritten", last, anchored);
      }
    }
    return ChainVerification.intact(checked, last, anchored);
  }

  /**
   * Refuses a field holding a phone number (any writing {@code PhoneNumber.of} accepts, or a
   * national one) or an e-mail address in clear. {@link EvidenceRecord} runs it at construction, so
   * a duty that builds its record before it changes state is refused before anything is kept.
   *
   * @throws PersonalDataInEvidenceException naming the field, never its value
   */
  static void refusePersonalData(String field, String value) {
    if (value != null && DETECTOR.containsPersonalData(value)) {
      throw new PersonalDataInEvidenceException(field);
    }
  }
}
