-- Trivial host migration 51.
CREATE TABLE host_table_51 (
  id BIGINT NOT NULL PRIMARY KEY
);
