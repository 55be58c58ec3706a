-- Trivial host migration 49.
CREATE TABLE host_table_49 (
  id BIGINT NOT NULL PRIMARY KEY
);
