UPDATE meta SET key = 'data_version' WHERE key = 'fingerprint';
