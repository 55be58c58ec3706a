-- Trivial host migration 54.
CREATE TABLE host_table_54 (
  id BIGINT NOT NULL PRIMARY KEY
);
