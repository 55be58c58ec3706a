package dev.custodian.evidence;

import dev.custodian.client.AccessPolicy;
import dev.custodian.client.ClientId;
import dev.custodian.client.Operation;
import dev.custodian.client.Principal;
import dev.custodian.spi.EvidenceStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The append-only, hash-chained evidence log (R-EVID-1). Every duty writes here; a verifier
 * re-computes the chain and names the first broken entry. Reading is per client (R-ACC-2).
 *
 * <p>Thread-safe as far as its {@link EvidenceStore} is: appends go through the store's atomic
 * {@link EvidenceStore#append} so concurrent writers still form one chain.
 */
public final class EvidenceLog {
  private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[A-Za-z]{2,}");
  private static final Pattern PHONE = Pattern.compile("\\+\\s?[1-9](?:[\\s.\\-]?\\d){6,14}");
  private static final int PAGE = 1000;

  private final EvidenceStore store;
  private final Clock clock;
  private final AccessPolicy access;

  /** A log whose reads follow the default access policy. */
  public EvidenceLog(EvidenceStore store, Clock clock) {
    this(store, clock, AccessPolicy.DEFAULT);
  }

  /** A log whose reads follow {@code access} (the configured instructing roles). */
  public EvidenceLog(EvidenceStore store, Clock clock, AccessPolicy access) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.access = Objects.requireNonNull(access, "access");
  }

  /**
   * Appends one entry and returns it, chained to the current head.
   *
   * @throws PersonalDataInEvidenceException if a field looks like a phone number or e-mail in clear
   */
  public EvidenceEntry append(EvidenceRecord record) {
    return store.append(chained(record, now()));
  }

  /**
   * Appends several entries, in order, chained one after the other; atomically where the store can
   * (see {@link EvidenceStore#appendAll}). Nothing is appended if any record is refused.
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
      next.add(chained(r, at));
    }
    return store.appendAll(next);
  }

  // Truncated to microseconds: every store (and the canonical encoding) keeps that precision.
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static Function<Optional<EvidenceEntry>, EvidenceEntry> chained(EvidenceRecord record,
      Instant at) {
    Objects.requireNonNull(record, "record");
    refusePersonalData("actor", record.actor());
    refusePersonalData("basis", record.basis());
    for (Map.Entry<String, String> d : record.details().entrySet()) {
      refusePersonalData(d.getKey(), d.getKey());
      refusePersonalData(d.getKey(), d.getValue());
    }
    return head -> {
      long seq = head.map(h -> h.sequence() + 1).orElse(1L);
      String prev = head.map(EvidenceEntry::hash).orElse(EvidenceEntry.GENESIS);
      EvidenceEntry draft = new EvidenceEntry(seq, at, record.client(), record.action(),
          record.actor(), record.basis(), record.details(), prev, EvidenceEntry.GENESIS);
      return new EvidenceEntry(seq, at, record.client(), record.action(), record.actor(),
          record.basis(), record.details(), prev, Canonical.hash(draft));
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

  /** Re-computes the whole chain from the first entry and names the first broken one. */
  public ChainVerification verify() {
    return verify(store);
  }

  /** Verifies the chain held by any store; usable offline by an auditor. */
  public static ChainVerification verify(EvidenceStore store) {
    String previous = EvidenceEntry.GENESIS;
    long expected = 1;
    long checked = 0;
    while (true) {
      List<EvidenceEntry> page = store.readAll(expected, PAGE);
      if (page.isEmpty()) {
        return ChainVerification.intact(checked);
      }
      for (EvidenceEntry e : page) {
        checked++;
        if (e.sequence() != expected) {
          return ChainVerification.brokenAt(checked, expected, "entry " + expected + " is missing");
        }
        if (!e.previousHash().equals(previous)) {
          return ChainVerification.brokenAt(checked, e.sequence(), "link to the previous entry is wrong");
        }
        if (!Canonical.hash(e).equals(e.hash())) {
          return ChainVerification.brokenAt(checked, e.sequence(), "content does not match its hash");
        }
        previous = e.hash();
        expected++;
      }
    }
  }

  private static void refusePersonalData(String field, String value) {
    if (value != null && (EMAIL.matcher(value).find() || PHONE.matcher(value).find())) {
      throw new PersonalDataInEvidenceException(field);
    }
  }
}
