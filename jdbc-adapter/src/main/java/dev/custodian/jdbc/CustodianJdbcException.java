package dev.custodian.jdbc;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database call of a Custodian JDBC store failed. Nothing the failed call meant to change was
 * committed.
 *
 * <p>The message and the cause chain carry no row values (R-EVID-2): a driver's message may quote
 * a row ({@code Key (phone)=(+33...)}, a batch's statement with its parameters), so it is dropped.
 * What is kept: the SQLState, the vendor error code, the constraint name when the database names
 * one, and the driver's stack trace. The cause is a {@link SQLException} with that sanitized
 * message, the same SQLState and error code, and the same stack trace, one per {@link
 * SQLException} of the driver's chain (a batch's next exception included), so code that inspects
 * SQLStates along the cause chain keeps working.
 */
public class CustodianJdbcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** PostgreSQL, H2 and MariaDB/MySQL name the constraint in these places of their messages. */
  private static final Pattern[] CONSTRAINT = {
      Pattern.compile("constraint \"([A-Za-z0-9_$.]{1,128})\""),
      Pattern.compile("CONSTRAINT `([A-Za-z0-9_$.]{1,128})`"),
      Pattern.compile("violation: \"([A-Za-z0-9_$.]{1,128})[:\" ]"),
  };

  private final String sqlState;
  private final int errorCode;
  private final String constraint;

  /**
   * A failure with {@code message} (a fixed text of the library). A driver's exception given as
   * {@code cause} is kept only as a copy without its message (SQLState, code, constraint), as
   * {@link #of} keeps it, so no caller can pass row values on by mistake.
   */
  public CustodianJdbcException(String message, Throwable cause) {
    this(message, cause instanceof SQLException s ? sanitized(s, new IdentityHashMap<>()) : cause,
        cause instanceof SQLException s ? constraintOf(s) : null);
  }

  private CustodianJdbcException(String message, Throwable kept, String constraint) {
    super(message, kept);
    SQLException sql = kept instanceof SQLException s ? s : null;
    this.sqlState = sql == null ? null : sql.getSQLState();
    this.errorCode = sql == null ? 0 : sql.getErrorCode();
    this.constraint = constraint;
  }

  /**
   * Wraps a driver's exception without its message: {@code what} (a fixed text of the library),
   * then the SQLState, the vendor error code and the constraint name.
   */
  static CustodianJdbcException of(String what, SQLException e) {
    String constraint = constraintOf(e);
    SQLException sanitized = sanitized(e, new IdentityHashMap<>());
    StringBuilder m = new StringBuilder(what).append(": SQLState ")
        .append(e.getSQLState() == null ? "unknown" : e.getSQLState())
        .append(", error code ").append(e.getErrorCode());
    if (constraint != null) {
      m.append(", constraint ").append(constraint);
    }
    return new CustodianJdbcException(m.toString(), sanitized, constraint);
  }

  /** The SQLState of the driver's exception, if it gave one. */
  public Optional<String> sqlState() {
    return Optional.ofNullable(sqlState);
  }

  /** The database vendor's error code (0 when it gave none). */
  public int errorCode() {
    return errorCode;
  }

  /** The name of the violated constraint, when the database named one. */
  public Optional<String> constraint() {
    return Optional.ofNullable(constraint);
  }

  /** A copy of the driver's chain: same SQLStates, codes and stack traces, no messages. */
  private static SQLException sanitized(SQLException e, Map<Throwable, Boolean> seen) {
    seen.put(e, Boolean.TRUE);
    Throwable next = e.getCause();
    if (next == null && e instanceof BatchUpdateException) {
      next = e.getNextException();
    }
    while (next != null && !(next instanceof SQLException) && !seen.containsKey(next)) {
      seen.put(next, Boolean.TRUE);
      next = next.getCause();
    }
    SQLException copy = new SQLException(describe(e), e.getSQLState(), e.getErrorCode());
    copy.setStackTrace(e.getStackTrace());
    if (next instanceof SQLException s && !seen.containsKey(s)) {
      copy.initCause(sanitized(s, seen));
    }
    return copy;
  }

  private static String describe(SQLException e) {
    return e.getClass().getName() + " (message withheld: it may quote row values), SQLState "
        + (e.getSQLState() == null ? "unknown" : e.getSQLState()) + ", error code " + e.getErrorCode();
  }

  // The constraint's name is schema, not data: read it from the driver where it says so, else
  // from the message's fixed wording of each database.
  private static String constraintOf(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String fromDriver = postgresConstraint(t);
      if (fromDriver != null) {
        return fromDriver;
      }
      String message = t.getMessage();
      if (message != null) {
        for (Pattern p : CONSTRAINT) {
          Matcher m = p.matcher(message);
          if (m.find()) {
            return m.group(1);
          }
        }
      }
      if (t.getCause() == null && t instanceof BatchUpdateException b && b.getNextException() != null) {
        return constraintOf(b.getNextException());
      }
    }
    return null;
  }

  // PSQLException.getServerErrorMessage().getConstraint(), without a compile-time dependency on
  // the driver (the host brings it).
  private static String postgresConstraint(Throwable t) {
    try {
      Object server = t.getClass().getMethod("getServerErrorMessage").invoke(t);
      if (server == null) {
        return null;
      }
      Object name = server.getClass().getMethod("getConstraint").invoke(server);
      return name instanceof String s && s.matches("[A-Za-z0-9_$.]{1,128}") ? s : null;
    } catch (ReflectiveOperationException | RuntimeException notPostgres) {
      return null;
    }
  }
}
