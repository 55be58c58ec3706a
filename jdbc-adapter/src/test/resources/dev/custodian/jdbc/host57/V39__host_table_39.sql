-- Trivial host migration 39.
CREATE TABLE host_table_39 (
  id BIGINT NOT NULL PRIMARY KEY
);
