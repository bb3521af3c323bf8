-- Enterprises change (issue 14): a status with the day it took effect (an enterprise CLOSED on 2026-05-31), a new
-- name, the key-enterprise mark. Every change is a row of enterprise_event with the fields before and after, and the
-- 低保 of a year keeps its earlier amounts in minimum_living_standard_event. Neither holds personal data.
ALTER TABLE enterprise ADD COLUMN status_since date;
UPDATE enterprise SET status_since = (created_at AT TIME ZONE 'Asia/Shanghai')::date;
ALTER TABLE enterprise ALTER COLUMN status_since SET NOT NULL,
    ADD CONSTRAINT enterprise_status_since_from_1900 CHECK (status_since >= DATE '1900-01-01'),
    ADD COLUMN updated_at timestamptz,
    ADD COLUMN version integer NOT NULL DEFAULT 0;

-- A status changes with its day, and that day never goes back before the last one.
CREATE FUNCTION enterprise_status_dated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> OLD.status AND NEW.status_since IS NOT DISTINCT FROM OLD.status_since THEN
        RAISE EXCEPTION 'enterprise % changes its status without the day it changed', NEW.id USING ERRCODE = '23514';
    END IF;
    IF NEW.status_since < OLD.status_since THEN
        RAISE EXCEPTION 'enterprise % dates its status before its last change', NEW.id USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER enterprise_status_dated BEFORE UPDATE ON enterprise
    FOR EACH ROW EXECUTE FUNCTION enterprise_status_dated();

CREATE TABLE enterprise_event (
    id            bigserial    PRIMARY KEY,
    enterprise_id bigint       NOT NULL REFERENCES enterprise (id),
    at            timestamptz  NOT NULL DEFAULT now(),
    actor         varchar(255) NOT NULL,
    action        varchar(16)  NOT NULL CHECK (action IN ('CREATED', 'UPDATED')),
    -- {field: {before, after}}; names, statuses, dates and the mark only
    changes       jsonb        NOT NULL CHECK (jsonb_typeof(changes) = 'object'),
    reason        varchar(500)
);
CREATE INDEX enterprise_event_enterprise_idx ON enterprise_event (enterprise_id, id);

CREATE TABLE minimum_living_standard_event (
    id          bigserial     PRIMARY KEY,
    year        integer       NOT NULL REFERENCES minimum_living_standard (year),
    at          timestamptz   NOT NULL DEFAULT now(),
    actor       varchar(255)  NOT NULL,
    before      numeric(12, 2) CHECK (before > 0),
    after       numeric(12, 2) NOT NULL CHECK (after > 0),
    CHECK (before IS DISTINCT FROM after)
);
CREATE INDEX minimum_living_standard_event_year_idx ON minimum_living_standard_event (year, id);
-- The amounts set before this history existed: the one in force, by whom and when.
INSERT INTO minimum_living_standard_event (year, at, actor, before, after)
    SELECT year, updated_at, updated_by, NULL, monthly_amount FROM minimum_living_standard;

-- Histories are appended to, never changed.
CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are appended, never changed or removed', TG_TABLE_NAME USING ERRCODE = '23514';
END $$;
CREATE TRIGGER enterprise_event_append_only BEFORE UPDATE OR DELETE ON enterprise_event
    FOR EACH ROW EXECUTE FUNCTION history_append_only();
CREATE TRIGGER minimum_living_standard_event_append_only BEFORE UPDATE OR DELETE ON minimum_living_standard_event
    FOR EACH ROW EXECUTE FUNCTION history_append_only();
