-- Trivial host migration 38.
CREATE TABLE host_table_38 (
  id BIGINT NOT NULL PRIMARY KEY
);
