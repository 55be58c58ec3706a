-- Trivial host migration 50.
CREATE TABLE host_table_50 (
  id BIGINT NOT NULL PRIMARY KEY
);
