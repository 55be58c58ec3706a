-- A host's second migration.
CREATE TABLE host_call (
  id BIGINT NOT NULL PRIMARY KEY,
  account_id VARCHAR(64) NOT NULL
);
