-- What is said of each municipality beside the register: its kommungrupp
-- (SKR 2023), its population (SCB), its outline on the map, rounded to
-- thousandths of a degree (GeoJSON's nesting of [lon, lat] in thousandths:
-- "[[[[15189,59274],...]]]", "[]" when the map data has none), and its
-- borders with the others, found on the map data when it was imported.
CREATE TABLE municipality_groups (
    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 2),
    name TEXT NOT NULL
);

CREATE TABLE places (
    code TEXT PRIMARY KEY NOT NULL REFERENCES municipalities (code) ON DELETE CASCADE,
    group_code TEXT REFERENCES municipality_groups (code),
    population INTEGER CHECK (population > 0),
    population_year INTEGER,
    shape TEXT NOT NULL,
    CHECK ((population IS NULL) = (population_year IS NULL))
);

-- Each border once: a < b.
CREATE TABLE borders (
    a TEXT NOT NULL REFERENCES municipalities (code) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES municipalities (code) ON DELETE CASCADE,
    metres INTEGER NOT NULL CHECK (metres > 0),
    PRIMARY KEY (a, b),
    CHECK (a < b)
);
