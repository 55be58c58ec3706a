-- Trivial host migration 23.
CREATE TABLE host_table_23 (
  id BIGINT NOT NULL PRIMARY KEY
);
