-- Trivial host migration 55.
CREATE TABLE host_table_55 (
  id BIGINT NOT NULL PRIMARY KEY
);
