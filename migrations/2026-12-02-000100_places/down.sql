DROP TABLE borders;
DROP TABLE places;
DROP TABLE municipality_groups;
