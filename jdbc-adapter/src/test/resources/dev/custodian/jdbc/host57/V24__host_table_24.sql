-- Trivial host migration 24.
CREATE TABLE host_table_24 (
  id BIGINT NOT NULL PRIMARY KEY
);
