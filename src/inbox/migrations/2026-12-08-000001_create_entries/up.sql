-- Contributions sent with "Skicka in" on /bidra, each whole in one row: the
-- evaluation file as reviewed, the report's text when one was read, the
-- source address, the sender's optional contact and message, when, and its
-- reference B-{year}-{number}; then the curator's decision.
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0),
    received_at TEXT NOT NULL,
    received_name TEXT NOT NULL,
    input TEXT NOT NULL CHECK (input IN ('report', 'file', 'form')),
    municipality_code TEXT NOT NULL,
    evaluation_year INTEGER NOT NULL,
    evaluation_month INTEGER,
    file_name TEXT NOT NULL,
    evaluation_toml TEXT NOT NULL,
    report_text TEXT,
    source_url TEXT NOT NULL,
    contact TEXT,
    message TEXT,
    bytes INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'accepted', 'rejected')),
    decided_at TEXT,
    reason TEXT,
    accepted_file TEXT,
    UNIQUE (year, number)
);
CREATE INDEX entries_status ON entries (status);
