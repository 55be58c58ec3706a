-- Trivial host migration 6.
CREATE TABLE host_table_6 (
  id BIGINT NOT NULL PRIMARY KEY
);
