-- A host's first migration.
CREATE TABLE host_account (
  id VARCHAR(64) NOT NULL PRIMARY KEY
);
