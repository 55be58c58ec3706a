-- Trivial host migration 30.
CREATE TABLE host_table_30 (
  id BIGINT NOT NULL PRIMARY KEY
);
