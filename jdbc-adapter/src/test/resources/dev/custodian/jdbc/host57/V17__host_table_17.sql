-- Trivial host migration 17.
CREATE TABLE host_table_17 (
  id BIGINT NOT NULL PRIMARY KEY
);
