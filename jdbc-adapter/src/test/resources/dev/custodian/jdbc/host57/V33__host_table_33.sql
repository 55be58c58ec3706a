-- Trivial host migration 33.
CREATE TABLE host_table_33 (
  id BIGINT NOT NULL PRIMARY KEY
);
