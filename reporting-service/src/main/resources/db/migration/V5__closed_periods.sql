-- Closed periods (issue 15): the city closes a month, quarter or year after review and its figures freeze.
-- A closed period's figures are copied, in the close transaction, into a schema of its own named by
-- schema_name (closed_2026, closed_2026_q1, closed_2026_03) holding aid_cell, aid_person, aid_reach,
-- aid_reach_chain (the rows whose period lies in it, at every grain inside it), station and
-- station_ancestor; reports of a range inside it read there (service.ClosedPeriods). Reopening drops
-- the schema and the row; report_period_event keeps both.
CREATE TABLE report_period (
    period_key   varchar(7)   PRIMARY KEY CHECK (period_key ~ '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$'),
    grain        char(1)      NOT NULL CHECK (grain IN ('Y', 'Q', 'M')),
    first_month  integer      NOT NULL,
    last_month   integer      NOT NULL CHECK (last_month >= first_month),
    schema_name  varchar(20)  NOT NULL UNIQUE CHECK (schema_name ~ '^closed_[0-9]{4}(_q[1-4]|_[0-9]{2})?$'),
    closed_at    timestamptz  NOT NULL,
    closed_by    varchar(255) NOT NULL CHECK (closed_by <> ''),
    note         varchar(2000),
    -- the feed positions the frozen figures are exactly those of, and their asOf
    positions    jsonb        NOT NULL CHECK (jsonb_typeof(positions) = 'object'),
    as_of        timestamptz
);

-- Every close and reopen, appended only (a trigger refuses UPDATE, DELETE and TRUNCATE).
CREATE TABLE report_period_event (
    id          bigserial    PRIMARY KEY,
    period_key  varchar(7)   NOT NULL,
    action      varchar(8)   NOT NULL CHECK (action IN ('CLOSE', 'REOPEN')),
    actor       varchar(255) NOT NULL CHECK (actor <> ''),
    at          timestamptz  NOT NULL,
    text        varchar(2000),
    positions   jsonb,
    CHECK (action = 'CLOSE' OR (text IS NOT NULL AND btrim(text) <> ''))
);
CREATE INDEX report_period_event_by_period ON report_period_event (period_key, id);

CREATE FUNCTION report_period_event_appended_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'report_period_event rows are appended only' USING ERRCODE = '23514';
END $$;
CREATE TRIGGER report_period_event_appended_only BEFORE UPDATE OR DELETE ON report_period_event
    FOR EACH ROW EXECUTE FUNCTION report_period_event_appended_only();
CREATE TRIGGER report_period_event_not_truncated BEFORE TRUNCATE ON report_period_event
    FOR EACH STATEMENT EXECUTE FUNCTION report_period_event_appended_only();
