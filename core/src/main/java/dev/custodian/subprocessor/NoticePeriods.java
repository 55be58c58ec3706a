package dev.custodian.subprocessor;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The contract's two sub-processor periods, as date arithmetic on a {@link BusinessCalendar}:
 * a change is announced at least {@code noticeBusinessDays} before it takes effect (R-SUB-2, DPA
 * 4.3) and a client may object within {@code objectionBusinessDays} of receiving the notice
 * (R-SUB-3, DPA 4.4). {@link #france()} is the contract's: ten French business days each.
 *
 * <p>How the days are counted: the day a notice is sent is never counted, and "at least ten
 * business days before" means ten whole business days lie strictly between the day the notice is
 * sent and the day the change takes effect. So a notice sent on {@code s} allows a change on
 * {@link #earliestEffectiveDate(LocalDate) earliestEffectiveDate(s)} or later, and a change on
 * {@code e} must be announced on {@link #lastDayToNotify(LocalDate) lastDayToNotify(e)} or
 * earlier; the two agree: {@code s <= lastDayToNotify(e)} exactly when {@code e >=
 * earliestEffectiveDate(s)}.
 *
 * <p>An objection is in time if made on or before {@link #objectionDeadline(LocalDate)}: the
 * tenth business day after the day of receipt.
 */
public record NoticePeriods(
    BusinessCalendar calendar, int noticeBusinessDays, int objectionBusinessDays) {

  /** Ten business days, as DPA 4.3 and 4.4 say. */
  public static final int CONTRACT_BUSINESS_DAYS = 10;

  private static final NoticePeriods FRANCE =
      new NoticePeriods(BusinessCalendar.france(), CONTRACT_BUSINESS_DAYS, CONTRACT_BUSINESS_DAYS);

  public NoticePeriods {
    Objects.requireNonNull(calendar, "calendar");
    if (noticeBusinessDays < 1 || objectionBusinessDays < 1) {
      throw new IllegalArgumentException("notice and objection periods are at least one business day");
    }
  }

  /** The contract's periods: ten French business days each. */
  public static NoticePeriods france() {
    return FRANCE;
  }

  /** The contract's ten-day periods on another calendar. */
  public static NoticePeriods of(BusinessCalendar calendar) {
    return new NoticePeriods(calendar, CONTRACT_BUSINESS_DAYS, CONTRACT_BUSINESS_DAYS);
  }

  /**
   * The last day on which clients may be notified of a change taking effect on {@code effectiveOn}
   * (R-SUB-2): the day before the tenth business day preceding it. It may fall on a weekend.
   */
  public LocalDate lastDayToNotify(LocalDate effectiveOn) {
    Objects.requireNonNull(effectiveOn, "effectiveOn");
    return calendar.addBusinessDays(effectiveOn, -noticeBusinessDays).minusDays(1);
  }

  /**
   * The earliest day a change announced on {@code notifiedOn} may take effect (R-SUB-2): the day
   * after the tenth business day following the notice.
   */
  public LocalDate earliestEffectiveDate(LocalDate notifiedOn) {
    Objects.requireNonNull(notifiedOn, "notifiedOn");
    return calendar.addBusinessDays(notifiedOn, noticeBusinessDays).plusDays(1);
  }

  /** True if a notice sent on {@code notifiedOn} is early enough for {@code effectiveOn}. */
  public boolean noticeIsEarlyEnough(LocalDate notifiedOn, LocalDate effectiveOn) {
    return !effectiveOn.isBefore(earliestEffectiveDate(notifiedOn));
  }

  /**
   * The last day a client who received a notice on {@code receivedOn} may object (R-SUB-3): the
   * tenth business day after the day of receipt.
   */
  public LocalDate objectionDeadline(LocalDate receivedOn) {
    Objects.requireNonNull(receivedOn, "receivedOn");
    return calendar.addBusinessDays(receivedOn, objectionBusinessDays);
  }
}
