-- Trivial host migration 11.
CREATE TABLE host_table_11 (
  id BIGINT NOT NULL PRIMARY KEY
);
