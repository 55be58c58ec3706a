-- A host table whose client column compares without regard to case (refused by Custodian).
CREATE TABLE IF NOT EXISTS calls (
  id BIGINT PRIMARY KEY,
  account_id VARCHAR_IGNORECASE(64) NOT NULL,
  started_at TIMESTAMP WITH TIME ZONE NOT NULL,
  caller VARCHAR(32) NOT NULL,
  callee VARCHAR(32) NOT NULL,
  restricted BOOLEAN DEFAULT FALSE NOT NULL
);
