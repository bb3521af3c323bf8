-- Reporting keeps pre-aggregated figures fed by the registry and disbursement feeds.
-- Dimension columns never hold NULL (they are part of primary keys): '' or 0 stands for "none".

-- Where each feed was read to, stored in the same transaction as the rows applied from it.
CREATE TABLE feed_position (
    feed          varchar(32) PRIMARY KEY,
    last_seq      bigint      NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
    caught_up_at  timestamptz
);
INSERT INTO feed_position (feed) VALUES ('stations'), ('workers'), ('payouts');

-- The station tree; stations are created, never moved.
CREATE TABLE station (
    code         varchar(32)   PRIMARY KEY,
    parent_code  varchar(32),
    level        varchar(16)   NOT NULL,
    path         varchar(1000) NOT NULL
);
-- Every station with each of its ancestors and itself: roll-up and subtree filters are joins.
CREATE TABLE station_ancestor (
    station_code   varchar(32) NOT NULL,
    ancestor_code  varchar(32) NOT NULL,
    PRIMARY KEY (station_code, ancestor_code)
);
CREATE INDEX station_ancestor_by_ancestor ON station_ancestor (ancestor_code, station_code);

-- Each payout seen, so that a reversal restates the payout's own period and cell, and so that
-- a payout or reversal delivered twice is applied once (primary key, conditional update).
CREATE TABLE payout (
    payout_id      bigint        PRIMARY KEY,
    project        varchar(32)   NOT NULL,
    beneficiary    varchar(16)   NOT NULL CHECK (beneficiary IN ('HOUSEHOLD', 'ENTERPRISE', 'STATION')),
    worker_id      bigint,
    station_code   varchar(32)   NOT NULL,
    enterprise_id  bigint        NOT NULL,
    category       varchar(16)   NOT NULL,
    cause          varchar(32)   NOT NULL,
    amount         numeric(14,2) NOT NULL CHECK (amount >= 0),
    occurred_on    date          NOT NULL,
    reversed       boolean       NOT NULL DEFAULT false,
    CHECK (beneficiary <> 'HOUSEHOLD' OR worker_id IS NOT NULL)
);

-- Payout count and amount per cell, at year (Y), quarter (Q) and month (M) grain.
-- period: 2024 (Y), 20242 (Q), 202404 (M); yr/qtr/mon repeat it for grouping (0 = not at this grain).
CREATE TABLE aid_cell (
    grain          char(1)       NOT NULL CHECK (grain IN ('Y', 'Q', 'M')),
    period         integer       NOT NULL,
    yr             integer       NOT NULL,
    qtr            integer       NOT NULL,
    mon            integer       NOT NULL,
    project        varchar(32)   NOT NULL,
    beneficiary    varchar(16)   NOT NULL,
    station_code   varchar(32)   NOT NULL,
    enterprise_id  bigint        NOT NULL,
    category       varchar(16)   NOT NULL,
    cause          varchar(32)   NOT NULL,
    payouts        bigint        NOT NULL CHECK (payouts >= 0),
    amount         numeric(18,2) NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (grain, period, project, beneficiary, station_code, enterprise_id, category, cause)
);

-- Net (unreversed) payouts of one worker in one cell: distinct persons of any group are the
-- distinct worker_ids among its rows. Rows reaching 0 are deleted.
CREATE TABLE aid_person (
    grain          char(1)     NOT NULL CHECK (grain IN ('Y', 'Q', 'M')),
    period         integer     NOT NULL,
    yr             integer     NOT NULL,
    qtr            integer     NOT NULL,
    mon            integer     NOT NULL,
    project        varchar(32) NOT NULL,
    station_code   varchar(32) NOT NULL,
    enterprise_id  bigint      NOT NULL,
    category       varchar(16) NOT NULL,
    cause          varchar(32) NOT NULL,
    worker_id      bigint      NOT NULL,
    payouts        integer     NOT NULL CHECK (payouts >= 0),
    PRIMARY KEY (grain, period, project, station_code, enterprise_id, category, cause, worker_id)
);

-- The reportable state of each hardship file, newest feed seq wins.
CREATE TABLE registry_file (
    file_id       bigint      PRIMARY KEY,
    seq           bigint      NOT NULL,
    status        varchar(16) NOT NULL,
    category      varchar(16) NOT NULL,
    cause         varchar(32) NOT NULL,
    station_code  varchar(32) NOT NULL,
    created_on    date,
    exited_on     date
);

-- Files now, by status, category, main cause and station.
CREATE TABLE registry_stock (
    status        varchar(16) NOT NULL,
    category      varchar(16) NOT NULL,
    cause         varchar(32) NOT NULL,
    station_code  varchar(32) NOT NULL,
    files         bigint      NOT NULL CHECK (files >= 0),
    PRIMARY KEY (status, category, cause, station_code)
);

-- New files (by creation date) and exits (by exit date) per period.
CREATE TABLE registry_flow (
    grain         char(1)     NOT NULL CHECK (grain IN ('Y', 'Q', 'M')),
    period        integer     NOT NULL,
    yr            integer     NOT NULL,
    qtr           integer     NOT NULL,
    mon           integer     NOT NULL,
    category      varchar(16) NOT NULL,
    cause         varchar(32) NOT NULL,
    station_code  varchar(32) NOT NULL,
    new_files     bigint      NOT NULL CHECK (new_files >= 0),
    exits         bigint      NOT NULL CHECK (exits >= 0),
    PRIMARY KEY (grain, period, category, cause, station_code)
);
