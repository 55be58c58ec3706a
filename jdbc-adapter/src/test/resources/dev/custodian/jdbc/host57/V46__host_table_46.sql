-- Trivial host migration 46.
CREATE TABLE host_table_46 (
  id BIGINT NOT NULL PRIMARY KEY
);
