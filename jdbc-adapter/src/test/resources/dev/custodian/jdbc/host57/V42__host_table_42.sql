-- Trivial host migration 42.
CREATE TABLE host_table_42 (
  id BIGINT NOT NULL PRIMARY KEY
);
