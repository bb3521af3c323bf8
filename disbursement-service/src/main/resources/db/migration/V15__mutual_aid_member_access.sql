-- Every read of a member's personal data by staff (issue 18's review), as the registry's file_access: an enrolment's
-- answer (GET .../enrolments/{id}, a PUT's answer) or a page of enrolments shows the member's name.
CREATE TABLE mutual_aid_member_access (
    id            bigserial    PRIMARY KEY,
    member_id     bigint       NOT NULL REFERENCES mutual_aid_member (id),
    enrolment_id  bigint       NOT NULL REFERENCES mutual_aid_enrolment (id),
    at            timestamptz  NOT NULL DEFAULT now(),
    actor         varchar(200) NOT NULL CHECK (actor <> ''),
    purpose       varchar(32)  NOT NULL
);
CREATE INDEX mutual_aid_member_access_member_idx ON mutual_aid_member_access (member_id, id);
