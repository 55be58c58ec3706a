-- Trivial host migration 31.
CREATE TABLE host_table_31 (
  id BIGINT NOT NULL PRIMARY KEY
);
