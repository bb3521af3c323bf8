-- Hardship worker files (在档困难职工). Personal data is encrypted by the service (AES-GCM):
-- the ID number (id_number_enc) and the household with its income, costs, health flags and
-- accident (household_enc). id_number_hash is a keyed HMAC (blind index) so that the database
-- itself can hold one active file per ID number without ever seeing the number.
CREATE SEQUENCE hardship_file_seq START 1 INCREMENT 50;
CREATE TABLE hardship_file (
    id                    bigint        PRIMARY KEY,
    name                  varchar(50)   NOT NULL CHECK (length(trim(name)) > 0),
    id_number_enc         bytea         NOT NULL,
    id_number_hash        bytea         NOT NULL CHECK (octet_length(id_number_hash) = 32),
    id_number_masked      varchar(18)   NOT NULL,
    birth_date            date          NOT NULL,
    sex                   varchar(6)    NOT NULL CHECK (sex IN ('MALE', 'FEMALE')),
    phone                 varchar(20),
    station_code          varchar(32)   NOT NULL REFERENCES station (code),
    station_path          varchar(1000) NOT NULL,
    enterprise_id         bigint        REFERENCES enterprise (id),
    migrant_worker        boolean       NOT NULL DEFAULT false,
    labour_relation_since date,
    household_size        integer       NOT NULL CHECK (household_size BETWEEN 1 AND 30),
    household_enc         bytea         NOT NULL,
    category              varchar(10)   NOT NULL CHECK (category IN ('DEEP', 'RELATIVE', 'ACCIDENT')),
    main_cause            varchar(24)   NOT NULL CHECK (main_cause IN ('ILLNESS', 'DISABILITY', 'CHILD_EDUCATION',
                              'UNEMPLOYMENT', 'ENTERPRISE_SHUTDOWN', 'DISASTER', 'ACCIDENT', 'OTHER')),
    other_causes          varchar(200)  NOT NULL DEFAULT '',
    status                varchar(10)   NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'TEMPORARY', 'EXITED',
                              'REJECTED', 'CANCELLED')),
    status_reason         varchar(500),
    exit_reason           varchar(32)   CHECK (exit_reason IN ('INCOME_ABOVE_LINE', 'DEATH', 'MISIDENTIFIED',
                              'TRANSFERRED_TO_GOVERNMENT')),
    created_at            timestamptz   NOT NULL,
    created_by            varchar(200)  NOT NULL,
    updated_at            timestamptz   NOT NULL,
    activated_at          timestamptz,
    closed_at             timestamptz,
    last_reviewed_at      timestamptz,
    next_review_due       date,
    version               integer       NOT NULL DEFAULT 0,
    CHECK ((status = 'EXITED') = (exit_reason IS NOT NULL)),
    CHECK (NOT migrant_worker OR labour_relation_since IS NOT NULL)
);

-- One open (pending, active or temporary) file per ID number.
CREATE UNIQUE INDEX hardship_file_one_open_per_id
    ON hardship_file (id_number_hash) WHERE status IN ('PENDING', 'ACTIVE', 'TEMPORARY');
CREATE INDEX hardship_file_id_hash_idx ON hardship_file (id_number_hash);
-- Keyset lists: each filter is an index range in id order.
CREATE INDEX hardship_file_status_idx ON hardship_file (status, id);
CREATE INDEX hardship_file_category_idx ON hardship_file (category, id);
CREATE INDEX hardship_file_cause_idx ON hardship_file (main_cause, id);
CREATE INDEX hardship_file_enterprise_idx ON hardship_file (enterprise_id, id) WHERE enterprise_id IS NOT NULL;
CREATE INDEX hardship_file_station_idx ON hardship_file (station_path text_pattern_ops, id);
CREATE INDEX hardship_file_review_due_idx ON hardship_file (next_review_due, id) WHERE status = 'ACTIVE';

-- The checks before a file becomes active: first review, home visit (with signed consent),
-- means check, public notice. The latest entry of a step counts.
CREATE TABLE file_check (
    id             bigserial     PRIMARY KEY,
    file_id        bigint        NOT NULL REFERENCES hardship_file (id),
    step           varchar(16)   NOT NULL CHECK (step IN ('FIRST_REVIEW', 'HOME_VISIT', 'MEANS_CHECK', 'PUBLIC_NOTICE')),
    passed         boolean       NOT NULL,
    consent_signed boolean,
    notice_start   date,
    notice_end     date,
    objection      boolean,
    note           varchar(1000),
    recorded_by    varchar(200)  NOT NULL,
    recorded_at    timestamptz   NOT NULL DEFAULT now(),
    CHECK (notice_end IS NULL OR notice_end >= notice_start)
);
CREATE INDEX file_check_file_idx ON file_check (file_id, step, id);

-- Every change of a file: who, when, what (field names, never their personal values).
CREATE TABLE file_event (
    id             bigserial     PRIMARY KEY,
    file_id        bigint        NOT NULL REFERENCES hardship_file (id),
    at             timestamptz   NOT NULL DEFAULT now(),
    actor          varchar(200)  NOT NULL,
    action         varchar(16)   NOT NULL,
    from_status    varchar(10),
    to_status      varchar(10),
    reason         varchar(500),
    changed_fields varchar(500)
);
CREATE INDEX file_event_file_idx ON file_event (file_id, id);

-- Every read of a full (unmasked) file.
CREATE TABLE file_access (
    id       bigserial    PRIMARY KEY,
    file_id  bigint       NOT NULL REFERENCES hardship_file (id),
    at       timestamptz  NOT NULL DEFAULT now(),
    actor    varchar(200) NOT NULL,
    purpose  varchar(32)  NOT NULL
);
CREATE INDEX file_access_file_idx ON file_access (file_id, id);

CREATE TABLE worker_feed (
    seq        bigserial   PRIMARY KEY,
    file_id    bigint      NOT NULL,
    payload    jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
