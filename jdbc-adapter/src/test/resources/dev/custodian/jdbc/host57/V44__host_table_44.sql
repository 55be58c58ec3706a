-- Trivial host migration 44.
CREATE TABLE host_table_44 (
  id BIGINT NOT NULL PRIMARY KEY
);
