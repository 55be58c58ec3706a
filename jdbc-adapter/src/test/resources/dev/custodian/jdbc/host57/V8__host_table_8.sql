-- Trivial host migration 8.
CREATE TABLE host_table_8 (
  id BIGINT NOT NULL PRIMARY KEY
);
