-- The host's latest migration.
INSERT INTO host_call (id, account_id, caller) VALUES (1, 'acme', '+33199000001');
