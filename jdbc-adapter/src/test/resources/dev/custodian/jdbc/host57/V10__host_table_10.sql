-- Trivial host migration 10.
CREATE TABLE host_table_10 (
  id BIGINT NOT NULL PRIMARY KEY
);
