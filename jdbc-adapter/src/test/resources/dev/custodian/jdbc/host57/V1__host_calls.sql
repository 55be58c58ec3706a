-- A host's first migration: its own calls table.
CREATE TABLE host_call (
  id BIGINT NOT NULL PRIMARY KEY,
  account_id VARCHAR(64) NOT NULL,
  caller VARCHAR(32)
);
