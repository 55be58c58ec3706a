-- Trivial host migration 18.
CREATE TABLE host_table_18 (
  id BIGINT NOT NULL PRIMARY KEY
);
