-- Trivial host migration 14.
CREATE TABLE host_table_14 (
  id BIGINT NOT NULL PRIMARY KEY
);
