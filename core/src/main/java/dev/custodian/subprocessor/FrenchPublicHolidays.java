package dev.custodian.subprocessor;

import java.time.LocalDate;
import java.time.Month;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The French public holidays ("jours fériés", Code du travail L3133-1) of any year, with their
 * names. The three movable ones follow Easter Sunday: Easter Monday (+1), Ascension Thursday (+39)
 * and Whit Monday (+50).
 */
public final class FrenchPublicHolidays {
  static final BusinessCalendar METROPOLITAN_CALENDAR =
      BusinessCalendar.weekdays("FR", y -> of(y).keySet());
  static final BusinessCalendar ALSACE_MOSELLE_CALENDAR =
      BusinessCalendar.weekdays("FR-Alsace-Moselle", y -> alsaceMoselle(y).keySet());

  private FrenchPublicHolidays() {}

  /**
   * The eleven public holidays of metropolitan France in {@code year}, by date, with names. When
   * two fall on the same day (Ascension on 1 or 8 May, as in 2008 and 2035) the date appears once
   * with both names.
   */
  public static Map<LocalDate, String> of(int year) {
    LocalDate easter = easterSunday(year);
    Map<LocalDate, String> h = new TreeMap<>();
    add(h, LocalDate.of(year, Month.JANUARY, 1), "Jour de l'an");
    add(h, easter.plusDays(1), "Lundi de Pâques");
    add(h, LocalDate.of(year, Month.MAY, 1), "Fête du Travail");
    add(h, LocalDate.of(year, Month.MAY, 8), "Victoire 1945");
    add(h, easter.plusDays(39), "Ascension");
    add(h, easter.plusDays(50), "Lundi de Pentecôte");
    add(h, LocalDate.of(year, Month.JULY, 14), "Fête nationale");
    add(h, LocalDate.of(year, Month.AUGUST, 15), "Assomption");
    add(h, LocalDate.of(year, Month.NOVEMBER, 1), "Toussaint");
    add(h, LocalDate.of(year, Month.NOVEMBER, 11), "Armistice 1918");
    add(h, LocalDate.of(year, Month.DECEMBER, 25), "Noël");
    return Collections.unmodifiableMap(h);
  }

  /** The metropolitan holidays plus Good Friday and 26 December (Alsace-Moselle, L3134-13). */
  public static Map<LocalDate, String> alsaceMoselle(int year) {
    Map<LocalDate, String> h = new TreeMap<>(of(year));
    add(h, easterSunday(year).minusDays(2), "Vendredi saint");
    add(h, LocalDate.of(year, Month.DECEMBER, 26), "Saint-Étienne");
    return Collections.unmodifiableMap(h);
  }

  private static void add(Map<LocalDate, String> holidays, LocalDate date, String name) {
    holidays.merge(date, name, (a, b) -> a + " / " + b);
  }

  /**
   * Easter Sunday of the Gregorian calendar for {@code year} (1583 and later), by the anonymous
   * Gregorian computus: the first Sunday after the ecclesiastical full moon on or after 21 March.
   *
   * @throws IllegalArgumentException for a year before the Gregorian reform
   */
  public static LocalDate easterSunday(int year) {
    if (year < 1583) {
      throw new IllegalArgumentException("Easter is computed for Gregorian years (1583 and later)");
    }
    int golden = year % 19; // position in the 19-year Metonic cycle
    int century = year / 100;
    int yearOfCentury = year % 100;
    int leapCenturies = century / 4;
    int centuryRest = century % 4;
    int moonCorrection = (century + 8) / 25;
    int solarCorrection = (century - moonCorrection + 1) / 3;
    int epact = (19 * golden + century - leapCenturies - solarCorrection + 15) % 30;
    int leapYears = yearOfCentury / 4;
    int yearRest = yearOfCentury % 4;
    int weekday = (32 + 2 * centuryRest + 2 * leapYears - epact - yearRest) % 7;
    int shift = (golden + 11 * epact + 22 * weekday) / 451;
    int monthAndDay = epact + weekday - 7 * shift + 114;
    return LocalDate.of(year, monthAndDay / 31, monthAndDay % 31 + 1);
  }
}
