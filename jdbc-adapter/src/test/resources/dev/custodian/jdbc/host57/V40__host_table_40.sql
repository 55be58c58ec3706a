-- Trivial host migration 40.
CREATE TABLE host_table_40 (
  id BIGINT NOT NULL PRIMARY KEY
);
