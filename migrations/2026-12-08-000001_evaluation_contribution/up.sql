-- Sent in through kompass's inbox and accepted by a curator: the file's
-- [contribution] table (the reference, B-2026-0007, and the day, 2026-12-08).
ALTER TABLE evaluations ADD COLUMN contribution_reference TEXT;
ALTER TABLE evaluations ADD COLUMN contribution_accepted TEXT;
