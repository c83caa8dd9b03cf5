-- Reference data: the municipality register and the criteria catalogue.
CREATE TABLE municipalities (
    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 4),
    name TEXT NOT NULL,
    county_code TEXT NOT NULL,
    county TEXT NOT NULL
);

CREATE TABLE themes (
    number INTEGER PRIMARY KEY NOT NULL CHECK (number BETWEEN 1 AND 8),
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    heading TEXT NOT NULL
);

CREATE TABLE revisions (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    used TEXT NOT NULL,
    fallback BOOLEAN NOT NULL DEFAULT 0
);

CREATE TABLE revision_areas (
    revision TEXT NOT NULL REFERENCES revisions (id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 8),
    name TEXT NOT NULL,
    theme INTEGER NOT NULL REFERENCES themes (number),
    confidence TEXT NOT NULL CHECK (confidence IN ('same', 'strong', 'medium', 'weak', 'none')),
    note TEXT,
    PRIMARY KEY (revision, number)
);

CREATE TABLE area_aliases (
    revision TEXT NOT NULL,
    number INTEGER NOT NULL,
    alias TEXT NOT NULL,
    PRIMARY KEY (revision, number, alias),
    FOREIGN KEY (revision, number) REFERENCES revision_areas (revision, number) ON DELETE CASCADE
);

-- Scores are exact decimals stored as text ("66", "426.5"), never floats.
CREATE TABLE catalogue_subareas (
    revision TEXT NOT NULL,
    code TEXT NOT NULL,
    area INTEGER NOT NULL,
    item INTEGER NOT NULL,
    name TEXT NOT NULL,
    max TEXT NOT NULL,
    PRIMARY KEY (revision, code),
    FOREIGN KEY (revision, area) REFERENCES revision_areas (revision, number) ON DELETE CASCADE
);

CREATE TABLE benchmarks (
    id INTEGER PRIMARY KEY NOT NULL,
    label TEXT NOT NULL,
    revision TEXT NOT NULL,
    year INTEGER NOT NULL,
    evaluations INTEGER,
    total TEXT,
    source_url TEXT NOT NULL,
    notes TEXT
);

CREATE TABLE benchmark_areas (
    benchmark_id INTEGER NOT NULL REFERENCES benchmarks (id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 8),
    points TEXT NOT NULL,
    PRIMARY KEY (benchmark_id, number)
);

-- Evaluations as published, with provenance. `key` is internal; `id` is the
-- public, stable identifier ("1881-2020", or "1881-2020-11" when a
-- municipality had two evaluations in one year).
CREATE TABLE evaluations (
    key INTEGER PRIMARY KEY NOT NULL,
    id TEXT NOT NULL UNIQUE,
    municipality_code TEXT NOT NULL REFERENCES municipalities (code),
    year INTEGER NOT NULL,
    month INTEGER CHECK (month BETWEEN 1 AND 12),
    evaluation_number INTEGER,
    revision TEXT NOT NULL,
    total TEXT,
    total_line INTEGER,
    evaluators TEXT NOT NULL DEFAULT '[]',
    source_url TEXT,
    source_title TEXT,
    notes TEXT,
    origin TEXT NOT NULL CHECK (origin IN ('bundle', 'import')),
    source_file TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE UNIQUE INDEX evaluations_identity ON evaluations (municipality_code, year, coalesce(month, 0));

CREATE TABLE area_scores (
    evaluation_key INTEGER NOT NULL REFERENCES evaluations (key) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 8),
    printed_name TEXT,
    points TEXT NOT NULL,
    percent TEXT,
    line INTEGER,
    PRIMARY KEY (evaluation_key, number)
);

CREATE TABLE subarea_scores (
    evaluation_key INTEGER NOT NULL REFERENCES evaluations (key) ON DELETE CASCADE,
    code TEXT NOT NULL,
    area INTEGER NOT NULL CHECK (area BETWEEN 1 AND 8),
    item INTEGER NOT NULL,
    name TEXT,
    points TEXT NOT NULL,
    max TEXT NOT NULL,
    percent TEXT,
    line INTEGER,
    PRIMARY KEY (evaluation_key, code)
);

CREATE TABLE discrepancies (
    evaluation_key INTEGER NOT NULL REFERENCES evaluations (key) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    figure TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (evaluation_key, position)
);

CREATE TABLE area_texts (
    evaluation_key INTEGER NOT NULL REFERENCES evaluations (key) ON DELETE CASCADE,
    area INTEGER NOT NULL CHECK (area BETWEEN 1 AND 8),
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (evaluation_key, area, kind)
);

-- bundle_hash: fingerprint of the bundled data last imported;
-- data_version: fingerprint of everything stored (ETags derive from it).
CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
