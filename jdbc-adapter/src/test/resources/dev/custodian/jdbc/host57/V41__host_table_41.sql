-- Trivial host migration 41.
CREATE TABLE host_table_41 (
  id BIGINT NOT NULL PRIMARY KEY
);
