DROP TABLE stated_changes;
ALTER TABLE evaluations DROP COLUMN public_note;
