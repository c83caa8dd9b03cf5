-- When the evaluation's results were published (YYYY-MM-DD), when the file gives it:
-- the date feeds and citations use instead of the evaluation's year and month.
ALTER TABLE evaluations ADD COLUMN published TEXT;
