-- Trivial host migration 3.
CREATE TABLE host_table_3 (
  id BIGINT NOT NULL PRIMARY KEY
);
