-- Issue 18's review: an enrolment belongs to the station of the clerk who made it (NULL: made by city-wide staff, or
-- before V14), so clerks read and change only their station's members; a member's bank account keeps a history.
ALTER TABLE mutual_aid_enrolment ADD COLUMN station_code varchar(32);
ALTER TABLE mutual_aid_enrolment ADD COLUMN station_path varchar(1000);
ALTER TABLE mutual_aid_enrolment ADD CONSTRAINT mutual_aid_enrolment_station_both
    CHECK ((station_code IS NULL) = (station_path IS NULL));
CREATE INDEX mutual_aid_enrolment_station_idx ON mutual_aid_enrolment (station_path text_pattern_ops, id)
    WHERE station_path IS NOT NULL;

-- The account's version: a PUT names the one it changes (If-Match), so two clerks never overwrite each other unseen.
ALTER TABLE mutual_aid_member ADD COLUMN bank_account_version integer NOT NULL DEFAULT 0 CHECK (bank_account_version >= 0);

-- Every change of a member's account: who, when, through which enrolment, the account before (NULL for the first) and
-- after, each sealed (bank name and number, crypto.SealedColumns). Rows are never deleted; an UPDATE may only re-seal.
CREATE TABLE mutual_aid_bank_account_event (
    id            bigserial    PRIMARY KEY,
    member_id     bigint       NOT NULL REFERENCES mutual_aid_member (id),
    enrolment_id  bigint       NOT NULL REFERENCES mutual_aid_enrolment (id),
    version       integer      NOT NULL CHECK (version > 0),
    at            timestamptz  NOT NULL,
    actor         varchar(200) NOT NULL CHECK (actor <> ''),
    before_account bytea       CHECK (octet_length(before_account) >= 29),
    after_account  bytea       NOT NULL CHECK (octet_length(after_account) >= 29),
    CONSTRAINT mutual_aid_bank_account_event_once UNIQUE (member_id, version)
);
CREATE FUNCTION mutual_aid_bank_account_event_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.id, NEW.member_id, NEW.enrolment_id, NEW.version, NEW.at, NEW.actor)
            IS NOT DISTINCT FROM (OLD.id, OLD.member_id, OLD.enrolment_id, OLD.version, OLD.at, OLD.actor)
            AND (NEW.before_account IS NULL) = (OLD.before_account IS NULL) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'mutual_aid_bank_account_event rows are kept as written (only re-sealed)' USING ERRCODE = '23514';
END $$;
CREATE TRIGGER mutual_aid_bank_account_event_kept BEFORE UPDATE OR DELETE ON mutual_aid_bank_account_event
    FOR EACH ROW EXECUTE FUNCTION mutual_aid_bank_account_event_kept();
CREATE TRIGGER mutual_aid_bank_account_event_not_truncated BEFORE TRUNCATE ON mutual_aid_bank_account_event
    FOR EACH STATEMENT EXECUTE FUNCTION mutual_aid_enrolment_unchanged();
