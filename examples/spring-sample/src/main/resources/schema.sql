-- The sample operator's own tables: what Custodian maps in application.yml (custodian.host-data).
-- Plain SQL accepted by both H2 and PostgreSQL; safe to run at every start.
CREATE TABLE IF NOT EXISTS calls (
  id          BIGINT PRIMARY KEY,
  account_id  VARCHAR(64) NOT NULL,
  started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  caller      VARCHAR(32) NOT NULL,
  callee      VARCHAR(32) NOT NULL,
  duration_s  INTEGER NOT NULL,
  restricted  BOOLEAN DEFAULT FALSE NOT NULL
);
CREATE INDEX IF NOT EXISTS calls_account_time ON calls (account_id, started_at);

CREATE TABLE IF NOT EXISTS sms (
  id          BIGINT PRIMARY KEY,
  account_id  VARCHAR(64) NOT NULL,
  sent_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  sender      VARCHAR(32) NOT NULL,
  recipient   VARCHAR(32) NOT NULL,
  restricted  BOOLEAN DEFAULT FALSE NOT NULL
);
CREATE INDEX IF NOT EXISTS sms_account_time ON sms (account_id, sent_at);

CREATE TABLE IF NOT EXISTS contacts (
  id          BIGINT PRIMARY KEY,
  account_id  VARCHAR(64) NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  name        VARCHAR(128) NOT NULL,
  phone       VARCHAR(32),
  email       VARCHAR(254),
  restricted  BOOLEAN DEFAULT FALSE NOT NULL
);
CREATE INDEX IF NOT EXISTS contacts_account_time ON contacts (account_id, updated_at);

-- What reached subjects and authorities: written only by the sample's Responder, which Custodian
-- calls only under a verified instruction of the client (R-DSR-3) or an approved legal compulsion.
CREATE TABLE IF NOT EXISTS deliveries (
  response_id   VARCHAR(128) PRIMARY KEY,
  addressee     VARCHAR(16) NOT NULL,
  request_id    VARCHAR(128) NOT NULL,
  account_id    VARCHAR(64) NOT NULL,
  instruction   VARCHAR(128) NOT NULL,
  delivered_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  records       INTEGER NOT NULL,
  message       VARCHAR(20000) NOT NULL
);
