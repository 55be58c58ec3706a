-- Trivial host migration 29.
CREATE TABLE host_table_29 (
  id BIGINT NOT NULL PRIMARY KEY
);
