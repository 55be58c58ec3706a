package dev.custodian.dsr;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostRecord;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.memory.RecordingNotifier;
import dev.custodian.memory.RecordingResponder;
import dev.custodian.subject.EmailAddress;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A small telephony operator for tests: three clients, fictional subjects, in-memory stores, a
 * recording notifier and responder, and a clock the test moves by hand.
 */
public final class World {
  public static final ClientId ACME = ClientId.of("acme");
  public static final ClientId GLOBEX = ClientId.of("globex");
  public static final ClientId INITECH = ClientId.of("initech");

  /** Fictional test identifiers only (see the house style). */
  public static final PhoneNumber JANE_PHONE = PhoneNumber.of("+33 1 99 00 12 34");
  public static final EmailAddress JANE_EMAIL = EmailAddress.of("jane.doe@example.com");
  public static final PhoneNumber JOHN_MOBILE = PhoneNumber.of("+33 6 39 98 56 78");
  public static final PhoneNumber NOBODY = PhoneNumber.of("+33 1 99 00 99 99");

  /** 31 January 2026, 10:00 UTC (11:00 in Paris). */
  public static final Instant START = Instant.parse("2026-01-31T10:00:00Z");

  public static final ProcessorPrincipal OPERATOR = ProcessorPrincipal.of("op-1", ProcessorRole.OPERATOR);
  public static final ProcessorPrincipal PRIVACY = ProcessorPrincipal.of("dpo-1", ProcessorRole.PRIVACY_CONTACT);
  public static final ProcessorPrincipal OFFICER =
      ProcessorPrincipal.of("officer-1", ProcessorRole.DESIGNATED_OFFICER);
  public static final ProcessorPrincipal SECURITY =
      ProcessorPrincipal.of("sec-1", ProcessorRole.SECURITY_TEAM);

  public final MutableClock clock = new MutableClock(START);
  public final InMemoryHostData hostData = new InMemoryHostData();
  public final InMemoryStateStore stateStore = new InMemoryStateStore();
  public final InMemoryEvidenceStore evidenceStore = new InMemoryEvidenceStore();
  public final RecordingNotifier notifier = new RecordingNotifier();
  public final RecordingResponder responder = new RecordingResponder();
  public final Custodian custodian;
  private int records;

  public World() {
    this(Duration.ofHours(24));
  }

  public World(Duration notificationDeadline) {
    this(notificationDeadline, SubjectRequestService.DEFAULT_ESCALATION_DELAY);
  }

  public World(Duration notificationDeadline, Duration escalationDelay) {
    custodian = Custodian.builder()
        .clock(clock)
        .stateStore(stateStore)
        .evidenceStore(evidenceStore)
        .hostData(hostData)
        .pseudonymizationKey("a test key that is long enough for hmac".getBytes(StandardCharsets.UTF_8))
        .requestNotifier(notifier)
        .escalationChannel(notifier)
        .responder(responder)
        .notificationDeadline(notificationDeadline)
        .notificationEscalationDelay(escalationDelay)
        .build();
  }

  public SubjectRequestService dsr() {
    return custodian.subjectRequests();
  }

  public static ClientPrincipal admin(ClientId client) {
    return ClientPrincipal.of(client + "-admin", client, ClientRole.ADMINISTRATOR);
  }

  public static ClientPrincipal user(ClientId client) {
    return ClientPrincipal.of(client + "-user", client, ClientRole.USER);
  }

  /** Adds a record of {@code client} about {@code subjects}, an hour before now. */
  public HostRecord record(ClientId client, CategoryId category, SubjectIdentifier... subjects) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("party", subjects[0].value());
    fields.put("duration", 42);
    HostRecord r = new HostRecord(category, client, "r" + (++records), clock.instant().minusSeconds(3600),
        Set.of(subjects), fields);
    hostData.put(r);
    return r;
  }

  /** A written instruction by {@code author}, issued now. */
  public InstructionDraft instruction(ClientPrincipal author, InstructedAction action,
      CategoryId... scope) {
    return InstructionDraft.of("ticket-" + (++records), author, clock.instant(), action, scope);
  }

  /** Moves time on. */
  public void advance(Duration d) {
    clock.advance(d);
  }
}
