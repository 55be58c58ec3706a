-- Trivial host migration 9.
CREATE TABLE host_table_9 (
  id BIGINT NOT NULL PRIMARY KEY
);
