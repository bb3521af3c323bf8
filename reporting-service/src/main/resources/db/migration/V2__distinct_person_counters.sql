-- Exact counters of distinct persons, kept when payouts are applied, so that a report reads one
-- row per group instead of one row per worker (see ReportService and the module README).
--
-- dims is a bit mask of the non-time dimensions a counter is kept for: 1 project, 2 station,
-- 4 enterprise, 8 category, 16 cause; every one of the 32 subsets is kept. Dimensions not in the
-- mask hold '' / 0. With the station bit, station_kind says what station_code means:
--   'E' the workers aided at exactly that station (groupBy=station without level),
--   'T' the workers aided anywhere in that station's subtree (station= filters, level= roll-ups).
-- Rows that fall to 0 persons are deleted. Pages keep room for the counts to change in place;
-- codes compare byte-wise (COLLATE "C"), which keeps the wide keys cheap to index.

-- Distinct workers with net payouts in one period (year, quarter or month) and key.
CREATE TABLE aid_reach (
    dims           smallint    NOT NULL CHECK (dims BETWEEN 0 AND 31),
    grain          char(1)     NOT NULL CHECK (grain IN ('Y', 'Q', 'M')),
    period         integer     NOT NULL,
    yr             integer     NOT NULL,
    qtr            integer     NOT NULL,
    mon            integer     NOT NULL,
    project        varchar(32) COLLATE "C" NOT NULL,
    station_kind   varchar(1) COLLATE "C" NOT NULL CHECK (station_kind IN ('', 'E', 'T')),
    station_code   varchar(32) COLLATE "C" NOT NULL,
    enterprise_id  bigint      NOT NULL,
    category       varchar(16) COLLATE "C" NOT NULL,
    cause          varchar(32) COLLATE "C" NOT NULL,
    persons        integer     NOT NULL CHECK (persons >= 0),
    PRIMARY KEY (dims, grain, period, project, station_kind, station_code, enterprise_id, category, cause)
) WITH (fillfactor = 80);

-- The year chain: each worker with net payouts in a year for a key counts once at
-- (year, prev_year), prev_year being the worker's latest earlier year with payouts for that key
-- (0: none). Distinct workers over the years Y1..Y2 = SUM(persons) WHERE year BETWEEN Y1 AND Y2
-- AND prev_year < Y1: each worker is counted at its first year in the range, and only there.
CREATE TABLE aid_reach_chain (
    dims           smallint    NOT NULL CHECK (dims BETWEEN 0 AND 31),
    year           integer     NOT NULL,
    prev_year      integer     NOT NULL,
    project        varchar(32) COLLATE "C" NOT NULL,
    station_kind   varchar(1) COLLATE "C" NOT NULL CHECK (station_kind IN ('', 'E', 'T')),
    station_code   varchar(32) COLLATE "C" NOT NULL,
    enterprise_id  bigint      NOT NULL,
    category       varchar(16) COLLATE "C" NOT NULL,
    cause          varchar(32) COLLATE "C" NOT NULL,
    persons        integer     NOT NULL CHECK (persons >= 0),
    CHECK (prev_year < year),
    PRIMARY KEY (dims, year, prev_year, project, station_kind, station_code, enterprise_id, category, cause)
) WITH (fillfactor = 80);

-- Applying a batch reads all rows of the workers it touches.
CREATE INDEX aid_person_by_worker ON aid_person (worker_id, grain, period);

-- Counters for the figures already held (empty on a new database).
CREATE TEMPORARY TABLE person_key ON COMMIT DROP AS
SELECT p.grain, p.period, p.yr, p.qtr, p.mon, m.dims,
       CASE WHEN m.dims & 1 <> 0 THEN p.project ELSE '' END AS project,
       s.kind AS station_kind, s.code AS station_code,
       CASE WHEN m.dims & 4 <> 0 THEN p.enterprise_id ELSE 0 END AS enterprise_id,
       CASE WHEN m.dims & 8 <> 0 THEN p.category ELSE '' END AS category,
       CASE WHEN m.dims & 16 <> 0 THEN p.cause ELSE '' END AS cause,
       p.worker_id
FROM aid_person p
CROSS JOIN generate_series(0, 31) AS m (dims)
CROSS JOIN LATERAL (
    SELECT '' AS kind, '' AS code WHERE m.dims & 2 = 0
    UNION ALL SELECT 'E', p.station_code WHERE m.dims & 2 <> 0
    UNION ALL SELECT 'T', a.ancestor_code FROM station_ancestor a
              WHERE m.dims & 2 <> 0 AND a.station_code = p.station_code
) AS s
WHERE p.payouts > 0;

INSERT INTO aid_reach (dims, grain, period, yr, qtr, mon, project, station_kind, station_code, enterprise_id,
                       category, cause, persons)
SELECT dims, grain, period, yr, qtr, mon, project, station_kind, station_code, enterprise_id, category, cause,
       COUNT(DISTINCT worker_id)
FROM person_key
GROUP BY dims, grain, period, yr, qtr, mon, project, station_kind, station_code, enterprise_id, category, cause;

INSERT INTO aid_reach_chain (dims, year, prev_year, project, station_kind, station_code, enterprise_id,
                             category, cause, persons)
SELECT dims, year, prev_year, project, station_kind, station_code, enterprise_id, category, cause, COUNT(*)
FROM (
    SELECT dims, period AS year, project, station_kind, station_code, enterprise_id, category, cause,
           COALESCE(LAG(period) OVER (PARTITION BY dims, project, station_kind, station_code, enterprise_id,
                                                   category, cause, worker_id ORDER BY period), 0) AS prev_year
    FROM (SELECT DISTINCT dims, period, project, station_kind, station_code, enterprise_id, category, cause,
                          worker_id
          FROM person_key WHERE grain = 'Y') AS years
) AS chain
GROUP BY dims, year, prev_year, project, station_kind, station_code, enterprise_id, category, cause;
