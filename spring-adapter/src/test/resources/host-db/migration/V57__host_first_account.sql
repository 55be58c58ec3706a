-- The host's latest migration: it is at version 57.
INSERT INTO host_account (id) VALUES ('acme');
