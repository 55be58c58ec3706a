package dev.custodian.jdbc;

import dev.custodian.spi.WorkQueue;
import dev.custodian.spi.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A {@link WorkQueue} in {@code custodian_work_unit}, shared by every node on the database.
 *
 * <p>Leases are written and compared in the database's own time ({@code CURRENT_TIMESTAMP}, {@code
 * UTC_TIMESTAMP(6)} on MariaDB), never a node's clock, so nodes with skewed clocks still agree on
 * who holds a unit. A claim takes one free unit either with {@code SELECT ... FOR UPDATE SKIP
 * LOCKED} (PostgreSQL, MariaDB 10.6+, MySQL 8+, H2 2.2+), where concurrent claimers pass over each
 * other's rows without waiting, or, where the database lacks it, by an optimistic {@code UPDATE
 * ... WHERE version = ?} that loses cleanly to a concurrent claimer. Either way each claim bumps the
 * unit's token, and a checkpoint or completion must present the live token before its lease runs
 * out, so a node that lost its lease can never write over its successor.
 */
public final class JdbcWorkQueue implements WorkQueue, Transactions.Participant {

  /** How a claim picks its unit. */
  public enum ClaimStrategy {
    /** {@code SELECT ... FOR UPDATE SKIP LOCKED} where the database has it, else optimistic. */
    AUTO,
    /** Always {@code SELECT ... FOR UPDATE SKIP LOCKED}; fails on databases without it. */
    SKIP_LOCKED,
    /** Always an optimistic version update (no row locks held across statements). */
    OPTIMISTIC
  }

  private static final int OPTIMISTIC_CANDIDATES = 16;

  private final Jdbc jdbc;
  private final boolean skipLocked;

  /** A queue on {@code dataSource}, dialect and claim strategy detected from it. */
  public JdbcWorkQueue(DataSource dataSource) {
    this(dataSource, Dialect.detect(dataSource), ClaimStrategy.AUTO);
  }

  /**
   * A queue on {@code dataSource} in {@code dialect}, claiming with {@code strategy}.
   *
   * @throws IllegalStateException if the strategy is {@code AUTO} and the database cannot be
   *     reached to learn its version
   */
  public JdbcWorkQueue(DataSource dataSource, Dialect dialect, ClaimStrategy strategy) {
    this.jdbc = new Jdbc(dataSource, dialect);
    Objects.requireNonNull(strategy, "strategy");
    this.skipLocked = switch (strategy) {
      case SKIP_LOCKED -> true;
      case OPTIMISTIC -> false;
      case AUTO -> jdbc.autoCommit(c -> jdbc.dialect().skipLocked(c.getMetaData()));
    };
  }

  /** True if claims use {@code FOR UPDATE SKIP LOCKED}, false if they are optimistic. */
  public boolean usesSkipLocked() {
    return skipLocked;
  }

  /** Units of work on this store's data source ({@link JdbcTransactions}), which this store joins. */
  @Override
  public Transactions transactions() {
    return jdbc.transactions();
  }

  @Override
  public void enqueue(String jobId, List<String> unitIds) {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(unitIds, "unitIds");
    if (unitIds.isEmpty()) {
      return;
    }
    String sql = jdbc.dialect().insertWorkUnitIfAbsent();
    unitIds.forEach(unit -> Objects.requireNonNull(unit, "unit id"));
    jdbc.transaction(c -> {
      // Insert only the units not there yet. Re-enqueuing an existing job (every node does it when
      // it resumes a sweep) then writes nothing and locks nothing: an INSERT IGNORE of existing
      // rows would hold their locks, and a concurrent SKIP LOCKED claim would skip every unit and
      // wrongly find the job empty.
      Set<String> missing = new LinkedHashSet<>(unitIds);
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT unit_id FROM custodian_work_unit WHERE job_id = ?")) {
        ps.setString(1, jobId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            missing.remove(rs.getString(1));
          }
        }
      }
      if (missing.isEmpty()) {
        return null;
      }
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (String unit : missing) {
          ps.setString(1, jobId);
          ps.setString(2, unit);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  @Override
  public Optional<WorkClaim> claim(String jobId, String owner, Duration lease) {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(owner, "owner");
    long micros = micros(lease);
    return skipLocked ? claimSkipLocked(jobId, owner, micros) : claimOptimistic(jobId, owner, micros);
  }

  private String claimable() {
    return " FROM custodian_work_unit WHERE job_id = ? AND done = ?"
        + " AND (lease_until IS NULL OR lease_until <= " + jdbc.dialect().now() + ")"
        + " ORDER BY unit_id" + jdbc.dialect().limit();
  }

  private Optional<WorkClaim> claimSkipLocked(String jobId, String owner, long micros) {
    return jdbc.transaction(c -> {
      String unit;
      long version;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT unit_id, version" + claimable() + " FOR UPDATE SKIP LOCKED")) {
        ps.setString(1, jobId);
        ps.setBoolean(2, false);
        ps.setInt(3, 1);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          unit = rs.getString(1);
          version = rs.getLong(2);
        }
      }
      return take(c, jobId, unit, version, owner, micros);
    });
  }

  private Optional<WorkClaim> claimOptimistic(String jobId, String owner, long micros) {
    return jdbc.transaction(c -> {
      List<String> units = new ArrayList<>();
      List<Long> versions = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT unit_id, version" + claimable())) {
        ps.setString(1, jobId);
        ps.setBoolean(2, false);
        ps.setInt(3, OPTIMISTIC_CANDIDATES);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            units.add(rs.getString(1));
            versions.add(rs.getLong(2));
          }
        }
      }
      for (int i = 0; i < units.size(); i++) {
        Optional<WorkClaim> won = take(c, jobId, units.get(i), versions.get(i), owner, micros);
        if (won.isPresent()) {
          return won;
        }
      }
      return Optional.empty();
    });
  }

  /**
   * Takes the unit if it is still at {@code version} and still free, bumping token and version.
   * Empty if a concurrent claimer took it first.
   */
  private Optional<WorkClaim> take(Connection c, String jobId, String unit, long version,
      String owner, long micros) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE custodian_work_unit SET owner = ?,"
        + " token = token + 1, version = version + 1, lease_until = " + jdbc.dialect().nowPlusMicros()
        + " WHERE job_id = ? AND unit_id = ? AND version = ? AND done = ?"
        + " AND (lease_until IS NULL OR lease_until <= " + jdbc.dialect().now() + ")")) {
      ps.setString(1, owner);
      ps.setLong(2, micros);
      ps.setString(3, jobId);
      ps.setString(4, unit);
      ps.setLong(5, version);
      ps.setBoolean(6, false);
      if (ps.executeUpdate() != 1) {
        return Optional.empty();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT token, cursor_position, processed"
        + " FROM custodian_work_unit WHERE job_id = ? AND unit_id = ?")) {
      ps.setString(1, jobId);
      ps.setString(2, unit);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return Optional.of(new WorkClaim(jobId, unit, owner, rs.getLong(1), rs.getString(2),
            rs.getLong(3)));
      }
    }
  }

  @Override
  public boolean checkpoint(WorkClaim claim, String cursor, long processed, Duration lease) {
    Objects.requireNonNull(claim, "claim");
    long micros = micros(lease);
    return jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE custodian_work_unit"
          + " SET cursor_position = ?, processed = ?, version = version + 1, lease_until = "
          + jdbc.dialect().nowPlusMicros() + live())) {
        ps.setString(1, cursor);
        ps.setLong(2, processed);
        ps.setLong(3, micros);
        bindLive(ps, 4, claim);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean complete(WorkClaim claim, String cursor, long processed) {
    Objects.requireNonNull(claim, "claim");
    return jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE custodian_work_unit"
          + " SET cursor_position = ?, processed = ?, version = version + 1, done = ?,"
          + " lease_until = NULL" + live())) {
        ps.setString(1, cursor);
        ps.setLong(2, processed);
        ps.setBoolean(3, true);
        bindLive(ps, 4, claim);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /** The condition that the claim is still the unit's live claim, in database time. */
  private String live() {
    return " WHERE job_id = ? AND unit_id = ? AND token = ? AND done = ? AND lease_until > "
        + jdbc.dialect().now();
  }

  private static void bindLive(PreparedStatement ps, int from, WorkClaim claim) throws SQLException {
    ps.setString(from, claim.jobId());
    ps.setString(from + 1, claim.unitId());
    ps.setLong(from + 2, claim.token());
    ps.setBoolean(from + 3, false);
  }

  @Override
  public List<WorkUnit> units(String jobId) {
    Objects.requireNonNull(jobId, "jobId");
    return jdbc.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT unit_id, owner, done, cursor_position,"
          + " processed FROM custodian_work_unit WHERE job_id = ? ORDER BY unit_id")) {
        ps.setString(1, jobId);
        List<WorkUnit> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new WorkUnit(jobId, rs.getString(1), rs.getString(2), rs.getBoolean(3),
                rs.getString(4), rs.getLong(5)));
          }
        }
        return out;
      }
    });
  }

  private static long micros(Duration lease) {
    Objects.requireNonNull(lease, "lease");
    if (lease.isNegative()) {
      throw new IllegalArgumentException("lease must not be negative");
    }
    return lease.toNanos() / 1000;
  }
}
