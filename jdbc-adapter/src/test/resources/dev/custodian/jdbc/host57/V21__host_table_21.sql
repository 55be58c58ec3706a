-- Trivial host migration 21.
CREATE TABLE host_table_21 (
  id BIGINT NOT NULL PRIMARY KEY
);
