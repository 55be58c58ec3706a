package dev.custodian.examples.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --jdbc-url}, {@code --user} and {@code --password} options of the commands that read a
 * real database, and a plain {@link DataSource} over them. The drivers of PostgreSQL, MariaDB/MySQL
 * and H2 are in the jar. An H2 URL is opened with {@code IFEXISTS=TRUE}: a mistyped path is an
 * error, never a new empty database.
 */
final class Database {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--jdbc-url", required = true, paramLabel = "URL",
      description = "The database, e.g. jdbc:postgresql://127.0.0.1:5432/telephony, "
          + "jdbc:mariadb://127.0.0.1:3306/telephony or jdbc:h2:file:/path/custodian")
  String url;

  @Option(names = "--user", paramLabel = "USER", description = "Database user (default: none).")
  String user;

  @Option(names = "--password", paramLabel = "PASSWORD", interactive = true, arity = "0..1",
      description = "Database password; without a value, asked for. The environment variable "
          + "CUSTODIAN_DB_PASSWORD is used when this option is absent.")
  char[] password;

  /**
   * A data source for the URL.
   *
   * @throws ParameterException if no driver in the jar accepts the URL
   */
  DataSource dataSource() {
    String effective = url.strip();
    if (effective.startsWith("jdbc:h2:") && !effective.toUpperCase().contains("IFEXISTS")) {
      effective = effective + ";IFEXISTS=TRUE";
    }
    try {
      DriverManager.getDriver(effective);
    } catch (SQLException e) {
      throw new ParameterException(spec.commandLine(), "--jdbc-url: no JDBC driver in custodian.jar "
          + "accepts '" + Redaction.url(url) + "' (PostgreSQL, MariaDB/MySQL and H2 URLs are"
          + " supported)");
    }
    String pw = password != null ? new String(password) : System.getenv("CUSTODIAN_DB_PASSWORD");
    UrlDataSource ds = new UrlDataSource(effective, user, pw);
    try (Connection c = ds.getConnection()) {
      c.getMetaData();
    } catch (SQLException e) {
      String why = Redaction.message(CustodianCli.oneLine(e),
          pw == null ? new String[] {url} : new String[] {url, "--password", pw});
      if (malformed(e)) {
        throw new ParameterException(spec.commandLine(), "--jdbc-url: '" + Redaction.url(url)
            + "' is not a usable URL: " + why);
      }
      throw new IllegalStateException("cannot connect to " + Redaction.url(url) + ": " + why, e);
    }
    return ds;
  }

  /**
   * True if the driver refused the URL itself (a bad argument), false if the server could not be
   * reached or refused the connection (the command could not finish).
   */
  static boolean malformed(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException) {
        return false;
      }
    }
    String state = e.getSQLState();
    return state == null
        // H2: relative path, URL format, unknown setting.
        || e.getErrorCode() == 90011 || e.getErrorCode() == 90046 || e.getErrorCode() == 90113
        // PostgreSQL: connection parameters refused before any network use.
        || (state.equals("08001") && e.getCause() == null
            && String.valueOf(e.getMessage()).startsWith("Invalid"));
  }

  /** True if the database has the table (checked by a query that reads no row). */
  static boolean hasTable(DataSource ds, String table) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** A data source that opens a new connection per call through {@link DriverManager}. */
  private record UrlDataSource(String url, String user, String password) implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      Properties p = new Properties();
      if (user != null) {
        p.setProperty("user", user);
      }
      if (password != null) {
        p.setProperty("password", password);
      }
      Driver driver = DriverManager.getDriver(url);
      Connection c = driver.connect(url, p);
      if (c == null) {
        throw new SQLException("the driver does not accept " + url);
      }
      return c;
    }

    @Override
    public Connection getConnection(String u, String pw) throws SQLException {
      return new UrlDataSource(url, u, pw).getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }

    @Override
    public String toString() {
      return "UrlDataSource[" + url + "]";
    }
  }
}
