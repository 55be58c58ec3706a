-- Trivial host migration 47.
CREATE TABLE host_table_47 (
  id BIGINT NOT NULL PRIMARY KEY
);
