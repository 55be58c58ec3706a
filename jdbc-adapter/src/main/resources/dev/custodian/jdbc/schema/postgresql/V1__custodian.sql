-- Custodian's own tables for PostgreSQL 12 and later (version 1).
-- Idempotent: every statement may run again on a database that already has them. Run by
-- CustodianSchema.createIfMissing, or by Flyway/Liquibase from classpath:dev/custodian/jdbc/schema/postgresql.
-- Identifiers compare and sort by code point (COLLATE "C"), as the stores' contract requires.

-- Every piece of the library's state (requests, instructions, holds, plans, sweep progress,
-- termination cases, notices, incidents...) as a versioned JSON document.
CREATE TABLE IF NOT EXISTS custodian_state (
  kind       VARCHAR(64)  COLLATE "C" NOT NULL,
  id         VARCHAR(128) COLLATE "C" NOT NULL,
  client_id  VARCHAR(64)  COLLATE "C",
  version    BIGINT       NOT NULL,
  due_at     TIMESTAMP WITH TIME ZONE,
  body       TEXT         NOT NULL,
  CONSTRAINT custodian_state_pk PRIMARY KEY (kind, id)
);
CREATE INDEX IF NOT EXISTS custodian_state_client ON custodian_state (kind, client_id, id);
CREATE INDEX IF NOT EXISTS custodian_state_due ON custodian_state (kind, due_at);

-- The hash-chained evidence log (R-EVID-1): rows are only ever inserted.
CREATE TABLE IF NOT EXISTS custodian_evidence (
  seq            BIGINT       NOT NULL,
  recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  client_id      VARCHAR(64)  COLLATE "C",
  action         VARCHAR(200) NOT NULL,
  actor          VARCHAR(256) NOT NULL,
  basis          TEXT,
  details        TEXT         NOT NULL,
  previous_hash  CHAR(64)     NOT NULL,
  hash           CHAR(64)     NOT NULL,
  CONSTRAINT custodian_evidence_pk PRIMARY KEY (seq)
);
CREATE INDEX IF NOT EXISTS custodian_evidence_client ON custodian_evidence (client_id, seq);

-- One row that every append locks (SELECT ... FOR UPDATE), so appends from every process form one chain.
CREATE TABLE IF NOT EXISTS custodian_evidence_head (
  id  INTEGER NOT NULL,
  CONSTRAINT custodian_evidence_head_pk PRIMARY KEY (id)
);
INSERT INTO custodian_evidence_head (id) VALUES (1) ON CONFLICT (id) DO NOTHING;

-- Units of multi-node jobs (sweeps, terminations) with leases in database time and checkpoints.
CREATE TABLE IF NOT EXISTS custodian_work_unit (
  job_id           VARCHAR(128) COLLATE "C" NOT NULL,
  unit_id          VARCHAR(256) COLLATE "C" NOT NULL,
  owner            VARCHAR(128),
  token            BIGINT       NOT NULL DEFAULT 0,
  lease_until      TIMESTAMP WITH TIME ZONE,
  done             BOOLEAN      NOT NULL DEFAULT FALSE,
  cursor_position  TEXT,
  processed        BIGINT       NOT NULL DEFAULT 0,
  version          BIGINT       NOT NULL DEFAULT 0,
  CONSTRAINT custodian_work_unit_pk PRIMARY KEY (job_id, unit_id)
);
