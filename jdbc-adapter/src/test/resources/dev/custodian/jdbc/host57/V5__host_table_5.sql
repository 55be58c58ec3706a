-- Trivial host migration 5.
CREATE TABLE host_table_5 (
  id BIGINT NOT NULL PRIMARY KEY
);
