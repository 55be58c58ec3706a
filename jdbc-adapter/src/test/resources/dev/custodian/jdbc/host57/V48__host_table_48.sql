-- Trivial host migration 48.
CREATE TABLE host_table_48 (
  id BIGINT NOT NULL PRIMARY KEY
);
