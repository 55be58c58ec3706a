-- Trivial host migration 12.
CREATE TABLE host_table_12 (
  id BIGINT NOT NULL PRIMARY KEY
);
