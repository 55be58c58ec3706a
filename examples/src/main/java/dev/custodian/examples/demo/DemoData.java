package dev.custodian.examples.demo;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostRecord;
import dev.custodian.subject.EmailAddress;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo's telephony data: three fictional clients of a cloud-telephony operator, with calls,
 * SMS, call recordings, transcriptions, contacts and webhook logs spread over the fifteen months
 * before the demo's start. Only fictional identifiers: +33 1 99 00 xx xx (the clients' lines),
 * +33 6 39 98 xx xx (their callers), e-mail addresses at example.com. Deterministic.
 */
public final class DemoData {
  /** A workshop: calls, recordings and their transcriptions, manual contacts. */
  public static final ClientId ATELIER = ClientId.of("atelier-nord");
  /** A law office: calls and SMS. */
  public static final ClientId CABINET = ClientId.of("cabinet-sud");
  /** A design studio: calls, recordings, transcriptions, SMS, contacts and webhook logs. */
  public static final ClientId STUDIO = ClientId.of("studio-est");

  public static final List<ClientId> CLIENTS = List.of(ATELIER, CABINET, STUDIO);

  /** The subject of the demo's request: a caller of the workshop who also texted the law office. */
  public static final PhoneNumber SUBJECT = PhoneNumber.of("+33 6 39 98 12 34");

  private final Instant start;
  private final List<HostRecord> records = new ArrayList<>();

  /** The data as it stands at {@code start}. */
  public DemoData(Instant start) {
    this.start = start;
    calls(ATELIER, "an", "+33199001001", 9, true);
    calls(CABINET, "cs", "+33199002002", 11, false);
    calls(STUDIO, "se", "+33199003003", 13, true);
    sms(CABINET, "cs", "+33199002002", 17);
    sms(STUDIO, "se", "+33199003003", 23);
    contacts(ATELIER, "an", 6);
    contacts(STUDIO, "se", 4);
    webhooks(STUDIO, "se", 50);
  }

  /** Every record, in the order made. */
  public List<HostRecord> records() {
    return List.copyOf(records);
  }

  /** The records of one client. */
  public List<HostRecord> records(ClientId client) {
    return records.stream().filter(r -> r.client().equals(client)).toList();
  }

  // Callers cycle through twenty fictional mobile numbers, none of them the demo's subject.
  private static PhoneNumber caller(int i) {
    int n = Math.floorMod(i, 20);
    return PhoneNumber.of(String.format("+3363998%02d%02d", 50 + n, 10 + n));
  }

  private void calls(ClientId client, String code, String line, int everyDays, boolean recorded) {
    PhoneNumber callee = PhoneNumber.of(line);
    int i = 0;
    for (Instant t = start.minus(Duration.ofDays(455)); t.isBefore(start); t = t.plus(Duration.ofDays(everyDays))) {
      i++;
      // The demo's subject calls the workshop now and then.
      PhoneNumber from = client.equals(ATELIER) && i % 5 == 0 ? SUBJECT : caller(i + code.charAt(0));
      String id = String.format("call-%s-%04d", code, i);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("id", id);
      f.put("client_id", client.value());
      f.put("started_at", t.toString());
      f.put("caller", from.value());
      f.put("callee", callee.value());
      f.put("duration_s", 30 + (i * 37) % 600);
      add(CategoryId.CALL_LOG, client, id, t, Set.of(from, callee), f);
      if (recorded && i % 3 == 0) {
        String rid = String.format("rec-%s-%04d", code, i);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", rid);
        r.put("client_id", client.value());
        r.put("recorded_at", t.toString());
        r.put("call_id", id);
        r.put("caller", from.value());
        r.put("audio_uri", "s3://recordings.example.com/" + rid + ".ogg");
        add(CategoryId.CALL_RECORDING, client, rid, t, Set.of(from), r);
        String tid = String.format("trn-%s-%04d", code, i);
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("id", tid);
        x.put("client_id", client.value());
        x.put("transcribed_at", t.plus(Duration.ofMinutes(5)).toString());
        x.put("recording_id", rid);
        x.put("caller", from.value());
        x.put("text", "Bonjour, je rappelle au sujet du devis numero " + i + ".");
        add(CategoryId.TRANSCRIPTION, client, tid, t.plus(Duration.ofMinutes(5)), Set.of(from), x);
      }
    }
  }

  private void sms(ClientId client, String code, String line, int everyDays) {
    PhoneNumber own = PhoneNumber.of(line);
    int i = 0;
    for (Instant t = start.minus(Duration.ofDays(430)); t.isBefore(start); t = t.plus(Duration.ofDays(everyDays))) {
      i++;
      // ...and once texted the law office.
      PhoneNumber from = client.equals(CABINET) && i == 20 ? SUBJECT : caller(i * 3 + code.charAt(1));
      String id = String.format("sms-%s-%04d", code, i);
      Map<String, Object> log = new LinkedHashMap<>();
      log.put("id", id);
      log.put("client_id", client.value());
      log.put("sent_at", t.toString());
      log.put("sender", from.value());
      log.put("recipient", own.value());
      add(CategoryId.SMS_LOG, client, id, t, Set.of(from, own), log);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", id);
      body.put("client_id", client.value());
      body.put("sent_at", t.toString());
      body.put("sender", from.value());
      body.put("body", "Rendez-vous confirme pour jeudi, merci.");
      add(CategoryId.SMS_CONTENT, client, id, t, Set.of(from), body);
    }
  }

  private void contacts(ClientId client, String code, int count) {
    for (int i = 1; i <= count; i++) {
      PhoneNumber phone = caller(i * 7 + code.charAt(0));
      EmailAddress email = EmailAddress.of("contact" + i + "." + code + "@example.com");
      Set<SubjectIdentifier> subjects = Set.of(phone, email);
      // The workshop saved the demo's subject as a contact.
      if (client.equals(ATELIER) && i == 1) {
        phone = SUBJECT;
        subjects = Set.of(SUBJECT, email);
      }
      Instant t = start.minus(Duration.ofDays(40L * i));
      String id = String.format("ctc-%s-%04d", code, i);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("id", id);
      f.put("client_id", client.value());
      f.put("updated_at", t.toString());
      f.put("name", "Contact " + i);
      f.put("phone", phone.value());
      f.put("email", email.value());
      add(CategoryId.CONTACT_MANUAL, client, id, t, subjects, f);
    }
  }

  private void webhooks(ClientId client, String code, int days) {
    for (int i = 1; i <= days; i++) {
      Instant t = start.minus(Duration.ofDays(i)).minus(Duration.ofHours(3));
      String id = String.format("whk-%s-%04d", code, i);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("id", id);
      f.put("client_id", client.value());
      f.put("called_at", t.toString());
      f.put("url", "https://hooks.example.com/" + client.value());
      f.put("status", 200);
      add(CategoryId.WEBHOOK_LOG, client, id, t, Set.of(), f);
    }
  }

  private void add(CategoryId category, ClientId client, String id, Instant time,
      Set<SubjectIdentifier> subjects, Map<String, Object> fields) {
    records.add(new HostRecord(category, client, id, time, subjects, fields));
  }
}
