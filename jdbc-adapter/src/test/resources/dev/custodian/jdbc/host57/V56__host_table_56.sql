-- Trivial host migration 56.
CREATE TABLE host_table_56 (
  id BIGINT NOT NULL PRIMARY KEY
);
