-- Trivial host migration 35.
CREATE TABLE host_table_35 (
  id BIGINT NOT NULL PRIMARY KEY
);
