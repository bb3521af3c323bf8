-- Medical mutual aid (职工医疗互助, issue 18): members enrolled per year by their enterprise's union, the plan of
-- each year, and claims (applications) that name an enrolment instead of a hardship file.

-- A member: found by the blind index of the ID number (HMAC-SHA256, key from configuration); the number and the
-- name sealed (AES-256-GCM, crypto.SealedColumns), as the registry keeps them. The bank account a claim is paid to
-- (a member needs no hardship file, so the registry has none): bank name in the clear, number sealed.
CREATE SEQUENCE mutual_aid_member_seq START 1 INCREMENT 1;
CREATE TABLE mutual_aid_member (
    id                   bigint       PRIMARY KEY,
    id_number_index      bytea        NOT NULL CHECK (octet_length(id_number_index) = 32),
    id_number            bytea        NOT NULL CHECK (octet_length(id_number) >= 29),
    name                 bytea        NOT NULL CHECK (octet_length(name) >= 29),
    bank_name            varchar(100),
    bank_account_number  bytea        CHECK (octet_length(bank_account_number) >= 29),
    bank_account_set_at  timestamptz,
    bank_account_set_by  varchar(200),
    created_at           timestamptz  NOT NULL,
    CONSTRAINT mutual_aid_member_one_per_id_number UNIQUE (id_number_index),
    CHECK ((bank_name IS NULL) = (bank_account_number IS NULL))
);

-- One enrolment per member and year. Enrolments are facts: never changed nor deleted (a trigger refuses it).
-- seq orders the enrolment feed (GET /api/v1/feed/enrolments): assigned under pg_advisory_xact_lock(7005) held to
-- commit, so a reader past seq N never later finds a row below N.
CREATE SEQUENCE mutual_aid_enrolment_seq START 1 INCREMENT 1;
CREATE SEQUENCE mutual_aid_enrolment_feed_seq START 1 INCREMENT 1;
CREATE TABLE mutual_aid_enrolment (
    id            bigint        PRIMARY KEY,
    seq           bigint        NOT NULL UNIQUE,
    member_id     bigint        NOT NULL REFERENCES mutual_aid_member (id),
    enterprise_id bigint        NOT NULL,
    year          integer       NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    premium       numeric(14,2) NOT NULL CHECK (premium > 0),
    paid_by       varchar(16)   NOT NULL CHECK (paid_by IN ('MEMBER', 'UNION', 'ENTERPRISE')),
    enrolled_at   timestamptz   NOT NULL,
    enrolled_by   varchar(200)  NOT NULL,
    CONSTRAINT mutual_aid_enrolment_once_a_year UNIQUE (member_id, year),
    CONSTRAINT mutual_aid_enrolment_of_member UNIQUE (id, member_id)
);
CREATE INDEX mutual_aid_enrolment_list_idx ON mutual_aid_enrolment (enterprise_id, year, id);

CREATE FUNCTION mutual_aid_enrolment_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'enrolments are never changed nor deleted' USING ERRCODE = '23514';
END $$;
CREATE TRIGGER mutual_aid_enrolment_unchanged BEFORE UPDATE OR DELETE ON mutual_aid_enrolment
    FOR EACH ROW EXECUTE FUNCTION mutual_aid_enrolment_unchanged();
CREATE TRIGGER mutual_aid_enrolment_not_truncated BEFORE TRUNCATE ON mutual_aid_enrolment
    FOR EACH STATEMENT EXECUTE FUNCTION mutual_aid_enrolment_unchanged();

-- The plan of a year (admin): the standard premium, the waiting period after enrolment, the share of the
-- out-of-pocket cost paid, the caps per claim and per member and year. The fund's money is the budget of
-- MEDICAL_MUTUAL_AID for the year. Every PUT is kept in mutual_aid_plan_event, appended only.
CREATE TABLE mutual_aid_plan (
    year                  integer       PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
    premium               numeric(14,2) NOT NULL CHECK (premium > 0),
    waiting_days          integer       NOT NULL CHECK (waiting_days BETWEEN 0 AND 366),
    share                 numeric(5,4)  NOT NULL CHECK (share > 0 AND share <= 1),
    per_claim_cap         numeric(14,2) NOT NULL CHECK (per_claim_cap > 0),
    yearly_cap_per_member numeric(14,2) NOT NULL CHECK (yearly_cap_per_member > 0),
    updated_at            timestamptz   NOT NULL,
    updated_by            varchar(200)  NOT NULL
);
CREATE TABLE mutual_aid_plan_event (
    id                    bigserial     PRIMARY KEY,
    year                  integer       NOT NULL REFERENCES mutual_aid_plan (year),
    at                    timestamptz   NOT NULL,
    actor                 varchar(200)  NOT NULL CHECK (actor <> ''),
    premium               numeric(14,2) NOT NULL,
    waiting_days          integer       NOT NULL,
    share                 numeric(5,4)  NOT NULL,
    per_claim_cap         numeric(14,2) NOT NULL,
    yearly_cap_per_member numeric(14,2) NOT NULL
);
CREATE INDEX mutual_aid_plan_event_year_idx ON mutual_aid_plan_event (year, id);
CREATE FUNCTION mutual_aid_plan_event_appended_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'mutual_aid_plan_event rows are appended only' USING ERRCODE = '23514';
END $$;
CREATE TRIGGER mutual_aid_plan_event_appended_only BEFORE UPDATE OR DELETE ON mutual_aid_plan_event
    FOR EACH ROW EXECUTE FUNCTION mutual_aid_plan_event_appended_only();
CREATE TRIGGER mutual_aid_plan_event_not_truncated BEFORE TRUNCATE ON mutual_aid_plan_event
    FOR EACH STATEMENT EXECUTE FUNCTION mutual_aid_plan_event_appended_only();

-- A claim by enrolment: beneficiary MEMBER, enrolment_id set, no worker_id (a member needs no hardship file).
ALTER TABLE application DROP CONSTRAINT application_beneficiary_check;
ALTER TABLE application ADD CONSTRAINT application_beneficiary_check
    CHECK (beneficiary IN ('HOUSEHOLD', 'ENTERPRISE', 'STATION', 'MEMBER'));
-- member_id is the enrolment's, copied at submission (the payout feed carries it without a join).
ALTER TABLE application ADD COLUMN enrolment_id bigint;
ALTER TABLE application ADD COLUMN member_id bigint;
ALTER TABLE application ADD CONSTRAINT application_enrolment_of_member FOREIGN KEY (enrolment_id, member_id)
    REFERENCES mutual_aid_enrolment (id, member_id);
ALTER TABLE application ADD CONSTRAINT application_member_names_enrolment
    CHECK ((beneficiary = 'MEMBER') = (enrolment_id IS NOT NULL) AND (enrolment_id IS NULL) = (member_id IS NULL)
           AND (enrolment_id IS NULL OR project_code = 'MEDICAL_MUTUAL_AID'));
CREATE INDEX application_enrolment_idx ON application (enrolment_id) WHERE enrolment_id IS NOT NULL;
