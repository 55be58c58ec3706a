-- Trivial host migration 37.
CREATE TABLE host_table_37 (
  id BIGINT NOT NULL PRIMARY KEY
);
