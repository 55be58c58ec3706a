-- Trivial host migration 27.
CREATE TABLE host_table_27 (
  id BIGINT NOT NULL PRIMARY KEY
);
