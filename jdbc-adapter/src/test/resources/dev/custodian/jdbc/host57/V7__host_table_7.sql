-- Trivial host migration 7.
CREATE TABLE host_table_7 (
  id BIGINT NOT NULL PRIMARY KEY
);
