-- Trivial host migration 4.
CREATE TABLE host_table_4 (
  id BIGINT NOT NULL PRIMARY KEY
);
