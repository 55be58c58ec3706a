-- The demo operator's own telephony tables (the "host data"), as a real backend might have them.
-- Custodian never creates or changes these: it reaches them through a mapping file.
-- Plain SQL that H2, PostgreSQL and MariaDB all accept.
CREATE TABLE IF NOT EXISTS call_log (
  id          VARCHAR(40) PRIMARY KEY,
  client_id   VARCHAR(64) NOT NULL,
  started_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  caller      VARCHAR(20) NOT NULL,
  callee      VARCHAR(20) NOT NULL,
  duration_s  INTEGER NOT NULL,
  restricted  BOOLEAN DEFAULT FALSE NOT NULL
);
CREATE INDEX IF NOT EXISTS call_log_client_time ON call_log (client_id, started_at);

CREATE TABLE IF NOT EXISTS call_recording (
  id           VARCHAR(40) PRIMARY KEY,
  client_id    VARCHAR(64) NOT NULL,
  recorded_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  call_id      VARCHAR(40) NOT NULL,
  caller       VARCHAR(20) NOT NULL,
  audio_uri    VARCHAR(200) NOT NULL,
  restricted  BOOLEAN DEFAULT FALSE NOT NULL
);
CREATE INDEX IF NOT EXISTS call_recording_client_time ON call_recording (client_id, recorded_at);

CREATE TABLE IF NOT EXISTS transcription (
  id              VARCHAR(40) PRIMARY KEY,
  client_id       VARCHAR(64) NOT NULL,
  transcribed_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  recording_id    VARCHAR(40) NOT NULL,
  caller          VARCHAR(20) NOT NULL,
  text            VARCHAR(2000) NOT NULL,
  restricted  BOOLEAN DEFAULT FALSE NOT NULL
);
CREATE INDEX IF NOT EXISTS transcription_client_time ON transcription (client_id, transcribed_at);

CREATE TABLE IF NOT EXISTS sms_log (
  id         VARCHAR(40) PRIMARY KEY,
  client_id  VARCHAR(64) NOT NULL,
  sent_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  sender     VARCHAR(20) NOT NULL,
  recipient  VARCHAR(20) NOT NULL,
  restricted  BOOLEAN DEFAULT FALSE NOT NULL
);
CREATE INDEX IF NOT EXISTS sms_log_client_time ON sms_log (client_id, sent_at);

CREATE TABLE IF NOT EXISTS sms_content (
  id         VARCHAR(40) PRIMARY KEY,
  client_id  VARCHAR(64) NOT NULL,
  sent_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  sender     VARCHAR(20) NOT NULL,
  body       VARCHAR(1000) NOT NULL,
  restricted  BOOLEAN DEFAULT FALSE NOT NULL
);
CREATE INDEX IF NOT EXISTS sms_content_client_time ON sms_content (client_id, sent_at);

CREATE TABLE IF NOT EXISTS contact (
  id          VARCHAR(40) PRIMARY KEY,
  client_id   VARCHAR(64) NOT NULL,
  updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  name        VARCHAR(100) NOT NULL,
  phone       VARCHAR(20),
  email       VARCHAR(200),
  restricted  BOOLEAN DEFAULT FALSE NOT NULL
);
CREATE INDEX IF NOT EXISTS contact_client_time ON contact (client_id, updated_at);

CREATE TABLE IF NOT EXISTS webhook_log (
  id         VARCHAR(40) PRIMARY KEY,
  client_id  VARCHAR(64) NOT NULL,
  called_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  url        VARCHAR(200) NOT NULL,
  status     INTEGER NOT NULL,
  restricted  BOOLEAN DEFAULT FALSE NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_log_client_time ON webhook_log (client_id, called_at);
