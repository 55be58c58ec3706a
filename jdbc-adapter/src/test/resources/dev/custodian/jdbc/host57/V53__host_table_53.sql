-- Trivial host migration 53.
CREATE TABLE host_table_53 (
  id BIGINT NOT NULL PRIMARY KEY
);
