-- Trivial host migration 43.
CREATE TABLE host_table_43 (
  id BIGINT NOT NULL PRIMARY KEY
);
