package dev.custodian.spring;

import dev.custodian.client.InstructingRoles;
import dev.custodian.terms.CategoryId;
import dev.custodian.subject.PseudonymizationKeys;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.scheduling.support.CronExpression;

/**
 * The {@code custodian.*} settings checked and turned into the library's types. Every check names
 * the property it refuses, in the form the host writes it.
 */
final class CustodianSettings {
  static final String PREFIX = "custodian.";
  static final int MIN_KEY_BYTES = 32;
  static final int MAX_BATCH_SIZE = 100_000;
  private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  private static final Set<String> IDENTIFIER_KINDS = Set.of("phone", "email", "user", "sso");

  private final CustodianProperties properties;
  private final ZoneId clientZone;
  private final InstructingRoles instructingRoles;
  private final Map<CategoryId, CustodianProperties.TableMapping> hostData;
  private final Map<CategoryId, CustodianProperties.CategoryRetention> retention;
  private final ZoneId sweepZone;

  private CustodianSettings(CustodianProperties p) {
    this.properties = p;
    this.clientZone = zone("client-zone", p.getClientZone());
    this.instructingRoles = instructingRoles(p.getInstructingRoles());
    checkPositive("subject-requests.notification-delay", p.getSubjectRequests().getNotificationDelay());
    if (p.getSubjectRequests().getNotificationDelay() == null) {
      throw invalid("subject-requests.notification-delay", "is required");
    }
    Duration escalation = p.getSubjectRequests().getEscalationDelay();
    if (escalation == null || escalation.isNegative()) {
      throw invalid("subject-requests.escalation-delay", "must be zero or positive");
    }
    this.retention = retention(p.getRetention().getCategories());
    this.hostData = hostData(p.getHostData());
    if (p.getSchema().getInitialize() == null) {
      throw invalid("schema.initialize", "must be one of never, embedded, always");
    }
    CustodianProperties.Sweep sweep = p.getSweep();
    if (sweep.getCron() == null || !CronExpression.isValidExpression(sweep.getCron())) {
      throw invalid("sweep.cron", "'" + sweep.getCron() + "' is not a valid cron expression"
          + " (six fields: second minute hour day-of-month month day-of-week)");
    }
    this.sweepZone = zone("sweep.zone", sweep.getZone());
    if (sweep.getBatchSize() < 1 || sweep.getBatchSize() > MAX_BATCH_SIZE) {
      throw invalid("sweep.batch-size",
          sweep.getBatchSize() + " is outside 1.." + MAX_BATCH_SIZE);
    }
    checkPositive("sweep.lease", sweep.getLease());
    if (sweep.getLease() == null) {
      throw invalid("sweep.lease", "is required");
    }
    checkPositive("sweep.overdue-check-interval", sweep.getOverdueCheckInterval());
    if (sweep.getOverdueCheckInterval() == null) {
      throw invalid("sweep.overdue-check-interval", "is required");
    }
    Duration verify = p.getHealth().getEvidenceVerificationInterval();
    if (verify == null || verify.isNegative()) {
      throw invalid("health.evidence-verification-interval", "must be zero or positive");
    }
  }

  /**
   * @throws InvalidCustodianPropertyException naming the first setting that cannot be used
   */
  static CustodianSettings of(CustodianProperties properties) {
    return new CustodianSettings(properties);
  }

  CustodianProperties properties() {
    return properties;
  }

  ZoneId clientZone() {
    return clientZone;
  }

  InstructingRoles instructingRoles() {
    return instructingRoles;
  }

  Map<CategoryId, CustodianProperties.TableMapping> hostData() {
    return hostData;
  }

  Map<CategoryId, CustodianProperties.CategoryRetention> retention() {
    return retention;
  }

  ZoneId sweepZone() {
    return sweepZone;
  }

  /** The configured key's bytes, if one is set; checked for length and for placeholders. */
  Optional<byte[]> pseudonymizationKey() {
    return key("pseudonymization-key", properties.getPseudonymizationKey());
  }

  /** The key of {@code custodian.pseudonymization-key-rotation.previous}, if one is set. */
  Optional<byte[]> previousPseudonymizationKey() {
    return key("pseudonymization-key-rotation.previous",
        properties.getPseudonymizationKeyRotation().getPrevious());
  }

  private static Optional<byte[]> key(String property, String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    byte[] key;
    if (raw.startsWith("base64:")) {
      try {
        key = Base64.getDecoder().decode(raw.substring("base64:".length()).trim());
      } catch (IllegalArgumentException e) {
        // The value is a secret: the message never repeats it.
        throw invalid(property, "the text after 'base64:' is not valid Base64");
      }
    } else {
      key = raw.getBytes(StandardCharsets.UTF_8);
    }
    if (key.length < MIN_KEY_BYTES) {
      throw invalid(property,
          "must be at least " + MIN_KEY_BYTES + " bytes of secret material (got " + key.length + ")");
    }
    // An unset ${CUSTODIAN_KEY} is left as written by Spring: long enough, and no secret.
    PseudonymizationKeys.weakness(key).ifPresent(why -> {
      throw invalid(property, "is refused: " + why);
    });
    return Optional.of(key);
  }

  static InvalidCustodianPropertyException invalid(String property, String reason) {
    return new InvalidCustodianPropertyException(PREFIX + property, reason);
  }

  private static ZoneId zone(String property, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(property, "is required (a region id such as Europe/Paris)");
    }
    try {
      return ZoneId.of(value.trim());
    } catch (DateTimeException e) {
      throw invalid(property, "'" + value + "' is not a time-zone id (for example Europe/Paris)");
    }
  }

  private static InstructingRoles instructingRoles(
      CustodianProperties.InstructingRolesProperties p) {
    if (p.getRoles().isEmpty() && !p.isDesignatedContact()) {
      throw invalid("instructing-roles.roles",
          "no role may instruct and the designated contact is excluded too:"
              + " no client could ever give an instruction");
    }
    return new InstructingRoles(
        p.getRoles().isEmpty() ? Set.of() : EnumSet.copyOf(p.getRoles()), p.isDesignatedContact());
  }

  private static void checkPositive(String property, Duration value) {
    if (value != null && (value.isZero() || value.isNegative())) {
      throw invalid(property, "must be positive");
    }
  }

  private static CategoryId category(String property, String key) {
    String normal = key.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      return CategoryId.of(normal);
    } catch (IllegalArgumentException e) {
      throw invalid(property, "'" + key + "' is not a category id (letters, digits and '_')");
    }
  }

  private static Map<CategoryId, CustodianProperties.CategoryRetention> retention(
      Map<String, CustodianProperties.CategoryRetention> raw) {
    Map<CategoryId, CustodianProperties.CategoryRetention> out = new LinkedHashMap<>();
    raw.forEach((key, r) -> {
      String base = "retention.categories." + key;
      CategoryId id = category(base, key);
      checkPeriod(base + ".min", r.getMin());
      checkPeriod(base + ".max", r.getMax());
      checkPeriod(base + ".period", r.getPeriod());
      if (r.getMin() != null && r.getMax() != null && longer(r.getMin(), r.getMax())) {
        throw invalid(base + ".min", "is longer than " + PREFIX + base + ".max");
      }
      if (r.getPeriod() != null && r.getMin() != null && longer(r.getMin(), r.getPeriod())) {
        throw invalid(base + ".period", "is shorter than " + PREFIX + base + ".min");
      }
      if (r.getPeriod() != null && r.getMax() != null && longer(r.getPeriod(), r.getMax())) {
        throw invalid(base + ".period", "is longer than " + PREFIX + base + ".max");
      }
      out.put(id, r);
    });
    return Map.copyOf(out);
  }

  private static void checkPeriod(String property, Period value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw invalid(property, "must be a positive period (for example P1Y or P6M)");
    }
  }

  /** True if {@code a} is longer than {@code b}, both counted from the same day. */
  private static boolean longer(Period a, Period b) {
    java.time.LocalDate origin = java.time.LocalDate.of(2000, 1, 1);
    return origin.plus(a).isAfter(origin.plus(b));
  }

  private static Map<CategoryId, CustodianProperties.TableMapping> hostData(
      Map<String, CustodianProperties.TableMapping> raw) {
    Map<CategoryId, CustodianProperties.TableMapping> out = new LinkedHashMap<>();
    raw.forEach((key, m) -> {
      String base = "host-data." + key;
      CategoryId id = category(base, key);
      if (out.containsKey(id)) {
        throw invalid(base, "category " + id + " is mapped twice");
      }
      tableName(base + ".table", m.getTable());
      sqlName(base + ".client-column", m.getClientColumn(), true);
      sqlName(base + ".id-column", m.getIdColumn(), true);
      sqlName(base + ".time-column", m.getTimeColumn(), true);
      sqlName(base + ".restricted-column", m.getRestrictedColumn(), false);
      if (m.getSubjectColumns().isEmpty()) {
        throw invalid(base + ".subject-columns",
            "is required: at least one column identifying subjects (column: phone|email|user|sso)");
      }
      m.getSubjectColumns().forEach((column, kind) -> {
        sqlName(base + ".subject-columns", column, true);
        if (kind == null || !IDENTIFIER_KINDS.contains(kind.trim().toLowerCase(Locale.ROOT))) {
          throw invalid(base + ".subject-columns." + column,
              "'" + kind + "' is not an identifier kind (phone, email, user or sso)");
        }
      });
      out.put(id, m);
    });
    return Map.copyOf(out);
  }

  private static void tableName(String property, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(property, "is required");
    }
    for (String part : value.split("\\.", -1)) {
      if (!SQL_NAME.matcher(part).matches()) {
        throw invalid(property, "'" + value + "' is not a plain table name ([schema.]table)");
      }
    }
  }

  private static void sqlName(String property, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw invalid(property, "is required");
      }
      return;
    }
    if (!SQL_NAME.matcher(value).matches()) {
      throw invalid(property, "'" + value + "' is not a plain column name");
    }
  }
}
