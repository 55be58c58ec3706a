package dev.custodian.spi;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * What a breach notification to the client says (R-BR-3, DPA 6, GDPR 33(3)). An initial or
 * follow-up notification may go out with only the nature known; a {@linkplain
 * BreachNotification.Kind#FINAL final} one needs every field (the {@link Complete} group).
 * Validated with Jakarta Validation.
 *
 * <p>Free text here is sent to the client and stored, never written to the evidence log (only a
 * digest of it is).
 *
 * @param nature the description and nature of the breach
 * @param subjectCategories the categories of data subjects concerned (callers, end users...)
 * @param approximateSubjects the approximate number of subjects concerned
 * @param recordCategories the categories of personal-data records concerned (call logs...)
 * @param approximateRecords the approximate number of records concerned
 * @param dpoContact name and contact details of the data-protection officer or other contact point
 * @param likelyConsequences the likely consequences of the breach
 * @param measures the measures taken or proposed, including to mitigate adverse effects
 */
public record NotificationContent(
    @NotBlank String nature,
    @NotEmpty(groups = NotificationContent.Complete.class) List<String> subjectCategories,
    @NotNull(groups = NotificationContent.Complete.class) @PositiveOrZero Long approximateSubjects,
    @NotEmpty(groups = NotificationContent.Complete.class) List<String> recordCategories,
    @NotNull(groups = NotificationContent.Complete.class) @PositiveOrZero Long approximateRecords,
    @NotBlank(groups = NotificationContent.Complete.class) String dpoContact,
    @NotBlank(groups = NotificationContent.Complete.class) String likelyConsequences,
    @NotBlank(groups = NotificationContent.Complete.class) String measures) {

  /** The validation group of the fields a final notification cannot go without (R-BR-3). */
  public interface Complete {}

  /** The R-BR-3 fields, in the order they are reported. */
  public static final List<String> FIELDS = List.of("nature", "subjectCategories",
      "approximateSubjects", "recordCategories", "approximateRecords", "dpoContact",
      "likelyConsequences", "measures");

  public NotificationContent {
    subjectCategories = subjectCategories == null ? List.of() : List.copyOf(subjectCategories);
    recordCategories = recordCategories == null ? List.of() : List.copyOf(recordCategories);
  }

  /** Only the nature: what an early initial notification may carry. */
  public static NotificationContent initial(String nature) {
    return new NotificationContent(nature, List.of(), null, List.of(), null, null, null, null);
  }

  public NotificationContent withSubjects(List<String> categories, Long approximately) {
    return new NotificationContent(nature, categories, approximately, recordCategories,
        approximateRecords, dpoContact, likelyConsequences, measures);
  }

  public NotificationContent withRecords(List<String> categories, Long approximately) {
    return new NotificationContent(nature, subjectCategories, approximateSubjects, categories,
        approximately, dpoContact, likelyConsequences, measures);
  }

  public NotificationContent withDpoContact(String value) {
    return new NotificationContent(nature, subjectCategories, approximateSubjects,
        recordCategories, approximateRecords, value, likelyConsequences, measures);
  }

  public NotificationContent withLikelyConsequences(String value) {
    return new NotificationContent(nature, subjectCategories, approximateSubjects,
        recordCategories, approximateRecords, dpoContact, value, measures);
  }

  public NotificationContent withMeasures(String value) {
    return new NotificationContent(nature, subjectCategories, approximateSubjects,
        recordCategories, approximateRecords, dpoContact, likelyConsequences, value);
  }
}
