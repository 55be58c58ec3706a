-- Trivial host migration 36.
CREATE TABLE host_table_36 (
  id BIGINT NOT NULL PRIMARY KEY
);
