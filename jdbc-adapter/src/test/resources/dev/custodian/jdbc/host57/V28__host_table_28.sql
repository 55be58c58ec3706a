-- Trivial host migration 28.
CREATE TABLE host_table_28 (
  id BIGINT NOT NULL PRIMARY KEY
);
