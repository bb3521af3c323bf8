-- Aid stations: a tree (city aid centre -> district / street -> community or enterprise station).
-- path is the materialized chain of codes ('/C01/D02/'), so "this station and those below it"
-- is one index range scan.
CREATE TABLE station (
    code        varchar(32)  PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
    name        varchar(200) NOT NULL CHECK (length(trim(name)) > 0),
    parent_code varchar(32)  REFERENCES station (code),
    level       varchar(16)  NOT NULL CHECK (level IN ('CITY', 'DISTRICT', 'STREET', 'COMMUNITY', 'ENTERPRISE')),
    path        varchar(1000) NOT NULL UNIQUE,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    CHECK ((level = 'CITY') = (parent_code IS NULL))
);
CREATE INDEX station_path_idx ON station (path text_pattern_ops);

CREATE SEQUENCE enterprise_seq START 1 INCREMENT 50;
CREATE TABLE enterprise (
    id             bigint       PRIMARY KEY,
    name           varchar(200) NOT NULL CHECK (length(trim(name)) > 0),
    credit_code    varchar(18)  NOT NULL UNIQUE CHECK (length(credit_code) = 18),
    status         varchar(16)  NOT NULL CHECK (status IN ('OPERATING', 'SUSPENDED', 'CLOSED')),
    key_enterprise boolean      NOT NULL DEFAULT false,
    created_at     timestamptz  NOT NULL DEFAULT now()
);

-- The city's minimum living standard (低保) per year, a monthly amount in yuan.
CREATE TABLE minimum_living_standard (
    year           integer       PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
    monthly_amount numeric(12, 2) NOT NULL CHECK (monthly_amount > 0),
    updated_at     timestamptz   NOT NULL DEFAULT now(),
    updated_by     varchar(200)  NOT NULL
);

-- Change feeds read by the other services (see docs/contracts.md).
CREATE TABLE station_feed (
    seq        bigserial   PRIMARY KEY,
    code       varchar(32) NOT NULL,
    payload    jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
