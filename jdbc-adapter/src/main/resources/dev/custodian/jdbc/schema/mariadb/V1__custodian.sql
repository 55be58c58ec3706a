-- Custodian's own tables for MariaDB 10.6 and later and MySQL 8.0 and later (version 1).
-- Idempotent: every statement may run again on a database that already has them. Run by
-- CustodianSchema.createIfMissing, or by Flyway/Liquibase from classpath:dev/custodian/jdbc/schema/mariadb.
-- Instants are UTC in DATETIME(6). Identifiers compare and sort by code point (utf8mb4_bin).
-- Indexes are declared inside CREATE TABLE so that MySQL, which lacks CREATE INDEX IF NOT EXISTS, runs it too.

-- Every piece of the library's state (requests, instructions, holds, plans, sweep progress,
-- termination cases, notices, incidents...) as a versioned JSON document.
CREATE TABLE IF NOT EXISTS custodian_state (
  kind       VARCHAR(64)  NOT NULL,
  id         VARCHAR(128) NOT NULL,
  client_id  VARCHAR(64),
  version    BIGINT       NOT NULL,
  due_at     DATETIME(6),
  body       LONGTEXT     NOT NULL,
  CONSTRAINT custodian_state_pk PRIMARY KEY (kind, id),
  INDEX custodian_state_client (kind, client_id, id),
  INDEX custodian_state_due (kind, due_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The hash-chained evidence log (R-EVID-1): rows are only ever inserted.
CREATE TABLE IF NOT EXISTS custodian_evidence (
  seq            BIGINT       NOT NULL,
  recorded_at    DATETIME(6)  NOT NULL,
  client_id      VARCHAR(64),
  action         VARCHAR(200) NOT NULL,
  actor          VARCHAR(256) NOT NULL,
  basis          TEXT,
  details        LONGTEXT     NOT NULL,
  previous_hash  CHAR(64)     NOT NULL,
  hash           CHAR(64)     NOT NULL,
  CONSTRAINT custodian_evidence_pk PRIMARY KEY (seq),
  INDEX custodian_evidence_client (client_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row that every append locks (SELECT ... FOR UPDATE), so appends from every process form one chain.
CREATE TABLE IF NOT EXISTS custodian_evidence_head (
  id  INTEGER NOT NULL,
  CONSTRAINT custodian_evidence_head_pk PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT IGNORE INTO custodian_evidence_head (id) VALUES (1);

-- Units of multi-node jobs (sweeps, terminations) with leases in database time and checkpoints.
CREATE TABLE IF NOT EXISTS custodian_work_unit (
  job_id           VARCHAR(128) NOT NULL,
  unit_id          VARCHAR(256) NOT NULL,
  owner            VARCHAR(128),
  token            BIGINT       NOT NULL DEFAULT 0,
  lease_until      DATETIME(6),
  done             BOOLEAN      NOT NULL DEFAULT FALSE,
  cursor_position  TEXT,
  processed        BIGINT       NOT NULL DEFAULT 0,
  version          BIGINT       NOT NULL DEFAULT 0,
  CONSTRAINT custodian_work_unit_pk PRIMARY KEY (job_id, unit_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
