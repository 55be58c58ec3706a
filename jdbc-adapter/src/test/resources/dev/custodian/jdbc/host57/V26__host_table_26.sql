-- Trivial host migration 26.
CREATE TABLE host_table_26 (
  id BIGINT NOT NULL PRIMARY KEY
);
