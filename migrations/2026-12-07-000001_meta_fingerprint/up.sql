-- The stored data's fingerprint (what tells a server to reload) was kept
-- under 'data_version', the name of the citable version it is not.
UPDATE meta SET key = 'fingerprint' WHERE key = 'data_version';
