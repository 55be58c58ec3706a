-- Trivial host migration 19.
CREATE TABLE host_table_19 (
  id BIGINT NOT NULL PRIMARY KEY
);
