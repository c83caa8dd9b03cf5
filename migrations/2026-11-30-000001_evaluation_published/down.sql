ALTER TABLE evaluations DROP COLUMN published;
