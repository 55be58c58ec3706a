-- Trivial host migration 45.
CREATE TABLE host_table_45 (
  id BIGINT NOT NULL PRIMARY KEY
);
