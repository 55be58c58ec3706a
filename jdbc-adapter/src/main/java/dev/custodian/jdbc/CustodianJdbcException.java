package dev.custodian.jdbc;

/**
 * A database call of a Custodian JDBC store failed. The message says which call; the cause is the
 * driver's {@link java.sql.SQLException}. Nothing the failed call meant to change was committed.
 */
public class CustodianJdbcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CustodianJdbcException(String message, Throwable cause) {
    super(message, cause);
  }
}
