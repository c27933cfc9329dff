-- Each health-center area's 警報・注意報 per weekly form, disease and week (issue 14), kept beside the
-- per-area figures of 0026 so that the map, the tables and the weekly report read a week's levels
-- instead of recomputing every area's year of history per request. Filing brings an area's levels
-- up to date in its transaction, from the week it changed on (a level depends on the week before).
-- Only weeks at 注意報 or 警報 have a row: no row is no level.
CREATE TABLE sentinel_area_levels (
    kind TEXT NOT NULL,
    period_start TEXT NOT NULL,
    health_center_code TEXT NOT NULL REFERENCES health_centers(code),
    disease TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('advisory', 'warning')),
    PRIMARY KEY (kind, period_start, health_center_code, disease)
);
CREATE INDEX sentinel_area_levels_area ON sentinel_area_levels(health_center_code, kind, period_start);

-- Areas whose levels are owed from a week on. The rule is domain's (`domain::sentinel::alert_levels`),
-- not SQL's, so the server computes them when it starts (`store::connect`) and deletes the row.
CREATE TABLE sentinel_levels_owed (
    kind TEXT NOT NULL,
    health_center_code TEXT NOT NULL REFERENCES health_centers(code),
    from_period TEXT NOT NULL,
    PRIMARY KEY (kind, health_center_code)
);

-- The figures kept before this migration.
INSERT INTO sentinel_levels_owed (kind, health_center_code, from_period)
SELECT kind, health_center_code, MIN(period_start) FROM sentinel_area_periods GROUP BY kind, health_center_code;
