ALTER TABLE evaluations DROP COLUMN contribution_accepted;
ALTER TABLE evaluations DROP COLUMN contribution_reference;
