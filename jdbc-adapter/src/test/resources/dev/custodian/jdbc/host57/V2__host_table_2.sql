-- Trivial host migration 2.
CREATE TABLE host_table_2 (
  id BIGINT NOT NULL PRIMARY KEY
);
