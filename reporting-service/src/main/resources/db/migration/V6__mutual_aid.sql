-- Medical mutual aid (issue 18): enrolments from disbursement's enrolment feed, the enterprises the registry says
-- are CLOSED, and claims: payouts that name a member (and an enrolment) instead of a hardship file.

INSERT INTO feed_position (feed) VALUES ('enrolments');

-- Each enrolment once (primary key: a replayed item changes nothing); one per member and year, as at the source.
-- member_id is disbursement's opaque member number, never an ID number or a name.
CREATE TABLE enrolment (
    enrolment_id   bigint        PRIMARY KEY,
    member_id      bigint        NOT NULL CHECK (member_id > 0),
    enterprise_id  bigint        NOT NULL CHECK (enterprise_id > 0),
    year           integer       NOT NULL CHECK (year BETWEEN 1950 AND 2200),
    premium        numeric(14,2) NOT NULL CHECK (premium >= 0),
    paid_by        varchar(16)   NOT NULL CHECK (paid_by IN ('MEMBER', 'UNION', 'ENTERPRISE')),
    enrolled_at    timestamptz   NOT NULL,
    CONSTRAINT enrolment_once_a_year UNIQUE (member_id, year)
);
CREATE INDEX enrolment_by_year ON enrolment (year, enterprise_id);

-- The enterprises the registry lists as CLOSED (GET /api/v1/enterprises?status=CLOSED), replaced whole at each
-- refresh; version counts the refreshes that changed the set (it is part of the mutual-aid report's ETag).
CREATE TABLE enterprise_closed (
    enterprise_id  bigint PRIMARY KEY,
    closed_since   date
);
CREATE TABLE enterprise_closed_state (
    id            smallint    PRIMARY KEY CHECK (id = 1),
    version       bigint      NOT NULL DEFAULT 0 CHECK (version >= 0),
    refreshed_at  timestamptz
);
INSERT INTO enterprise_closed_state (id) VALUES (1);

-- A claim's payout: beneficiary MEMBER, member_id set and no file. In the aggregates it is person aid (cells of
-- beneficiary HOUSEHOLD), its person the member: aid_person.worker_id = -member_id, never a file's id.
ALTER TABLE payout ADD COLUMN member_id bigint CHECK (member_id > 0);
ALTER TABLE payout ADD COLUMN enrolment_id bigint;
ALTER TABLE payout DROP CONSTRAINT payout_beneficiary_check;
ALTER TABLE payout ADD CONSTRAINT payout_beneficiary_check
    CHECK (beneficiary IN ('HOUSEHOLD', 'ENTERPRISE', 'STATION', 'MEMBER'));
ALTER TABLE payout ADD CONSTRAINT payout_member_names_member
    CHECK ((beneficiary = 'MEMBER') = (member_id IS NOT NULL) AND (member_id IS NULL OR worker_id IS NULL));
