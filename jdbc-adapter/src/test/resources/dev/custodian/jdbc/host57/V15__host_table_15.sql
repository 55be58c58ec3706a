-- Trivial host migration 15.
CREATE TABLE host_table_15 (
  id BIGINT NOT NULL PRIMARY KEY
);
