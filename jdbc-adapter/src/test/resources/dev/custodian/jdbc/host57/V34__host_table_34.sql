-- Trivial host migration 34.
CREATE TABLE host_table_34 (
  id BIGINT NOT NULL PRIMARY KEY
);
