-- Trivial host migration 22.
CREATE TABLE host_table_22 (
  id BIGINT NOT NULL PRIMARY KEY
);
