CREATE TABLE IF NOT EXISTS calls (
  id BIGINT PRIMARY KEY,
  account_id VARCHAR(64) NOT NULL,
  started_at TIMESTAMP WITH TIME ZONE NOT NULL,
  caller VARCHAR(32) NOT NULL,
  callee VARCHAR(32) NOT NULL,
  restricted BOOLEAN DEFAULT FALSE NOT NULL
);
-- H2's idempotent insert: several test nodes start on one database.
MERGE INTO calls (id, account_id, started_at, caller, callee) KEY (id)
  VALUES (1, 'acme', TIMESTAMP WITH TIME ZONE '2026-02-27 10:00:00+00', '+33199000101', '+33639980202');
