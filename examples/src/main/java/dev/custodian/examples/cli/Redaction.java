package dev.custodian.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a message may repeat of the command line: no secret (the {@code --password} value, the
 * {@code CUSTODIAN_DB_PASSWORD} variable, a password inside a JDBC URL, whether as {@code
 * password=...} or {@code user:password@}) and no argument longer than a line (cut, with an
 * ellipsis and its length).
 */
final class Redaction {
  /** Longer arguments are cut in messages. */
  static final int MAX_ARGUMENT = 80;
  /** What is kept of a cut argument. */
  static final int KEPT = 40;
  static final String MASK = "***";
  private static final Pattern PARAMETER = Pattern.compile(
      "(?i)\\b(password|passwd|pwd|secret|token|api[-_]?key|access[-_]?key)=([^&;\\s'\"]+)");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s'\"]*):([^@/\\s'\"]+)@");
  /** Oracle-style {@code jdbc:oracle:thin:user/password@host}. */
  private static final Pattern SLASH_PASSWORD =
      Pattern.compile("(jdbc:[a-z0-9]+:[a-z0-9]+:[^/@\\s'\"]+)/([^@\\s'\"]+)@");
  private static final Pattern LONG_TOKEN = Pattern.compile("\\S{" + (MAX_ARGUMENT + 1) + ",}");

  private Redaction() {}

  /** {@code message} with the secrets of {@code args} (and of the environment) masked, long arguments cut. */
  static String message(String message, String[] args) {
    List<String> secrets = secrets(args);
    String m = mask(message, secrets);
    for (String arg : args == null ? new String[0] : args) {
      String shown = mask(arg, secrets);
      if (shown.length() > MAX_ARGUMENT) {
        m = m.replace(shown, cut(shown));
      }
    }
    Matcher long_ = LONG_TOKEN.matcher(m);
    StringBuilder out = new StringBuilder();
    while (long_.find()) {
      long_.appendReplacement(out, Matcher.quoteReplacement(cut(long_.group())));
    }
    long_.appendTail(out);
    return out.toString();
  }

  /** A JDBC URL as it may be shown: passwords masked, cut if longer than a line. */
  static String url(String url) {
    String masked = mask(url, List.of());
    return masked.length() > MAX_ARGUMENT ? cut(masked) : masked;
  }

  static String cut(String text) {
    return text.substring(0, KEPT) + "…(" + text.length() + " characters)";
  }

  private static String mask(String text, List<String> secrets) {
    String m = text;
    for (String s : secrets) {
      m = m.replace(s, MASK);
    }
    m = PARAMETER.matcher(m).replaceAll("$1=" + MASK);
    m = USER_INFO.matcher(m).replaceAll("$1:" + MASK + "@");
    return SLASH_PASSWORD.matcher(m).replaceAll("$1/" + MASK + "@");
  }

  /**
   * The {@code --password} values on the command line, the passwords inside its URLs and the
   * password variable's value.
   */
  private static List<String> secrets(String[] args) {
    List<String> out = new ArrayList<>();
    if (args != null) {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--password") && i + 1 < args.length && !args[i + 1].startsWith("--")) {
          out.add(args[i + 1]);
        } else if (a.startsWith("--password=")) {
          out.add(a.substring("--password=".length()));
        }
        // A URL's password, wherever a driver's message repeats it (e.g. as a "port").
        for (Pattern p : List.of(PARAMETER, USER_INFO, SLASH_PASSWORD)) {
          Matcher m = p.matcher(a);
          while (m.find()) {
            out.add(m.group(2));
          }
        }
      }
    }
    String env = System.getenv("CUSTODIAN_DB_PASSWORD");
    if (env != null) {
      out.add(env);
    }
    out.removeIf(String::isEmpty);
    // Longest first, so that a secret containing another is masked whole.
    out.sort((a, b) -> b.length() - a.length());
    return out;
  }
}
