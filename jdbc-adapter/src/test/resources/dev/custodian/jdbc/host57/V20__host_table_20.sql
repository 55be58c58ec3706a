-- Trivial host migration 20.
CREATE TABLE host_table_20 (
  id BIGINT NOT NULL PRIMARY KEY
);
