-- What a curator tells readers, in Swedish (the `notes` stay the curators' own).
ALTER TABLE evaluations ADD COLUMN public_note TEXT;

-- Changes a source states in words for one of the evaluation's figures,
-- against an earlier evaluation ("+137 poäng jämfört med 2017"): never figures.
CREATE TABLE stated_changes (
    evaluation_key INTEGER NOT NULL REFERENCES evaluations (key) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    figure TEXT NOT NULL CHECK (figure = 'total' OR figure GLOB 'area [1-8]'),
    change TEXT NOT NULL,
    since INTEGER NOT NULL,
    source TEXT NOT NULL,
    quote TEXT,
    line INTEGER,
    PRIMARY KEY (evaluation_key, position)
);
