-- Trivial host migration 52.
CREATE TABLE host_table_52 (
  id BIGINT NOT NULL PRIMARY KEY
);
