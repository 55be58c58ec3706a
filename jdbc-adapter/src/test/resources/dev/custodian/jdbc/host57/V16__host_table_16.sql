-- Trivial host migration 16.
CREATE TABLE host_table_16 (
  id BIGINT NOT NULL PRIMARY KEY
);
