-- Trivial host migration 25.
CREATE TABLE host_table_25 (
  id BIGINT NOT NULL PRIMARY KEY
);
