-- Trivial host migration 13.
CREATE TABLE host_table_13 (
  id BIGINT NOT NULL PRIMARY KEY
);
