-- Trivial host migration 32.
CREATE TABLE host_table_32 (
  id BIGINT NOT NULL PRIMARY KEY
);
