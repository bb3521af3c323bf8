-- Dynamic management (issue 14). An ACTIVE file's household, causes and station change only through a
-- change request: a clerk (or reviewer) proposes, a reviewer who did not propose decides. The proposed values
-- are personal data, sealed by the service (SealedColumns.CHANGE_REQUEST_CHANGES) as one value; only the names
-- of the fields proposed are in the clear. base_version is the file's version the request was made against:
-- a file changed since is not changed by the request (409), only rejected.
CREATE TABLE change_request (
    id                  bigserial    PRIMARY KEY,
    file_id             bigint       NOT NULL REFERENCES hardship_file (id),
    status              varchar(10)  NOT NULL CHECK (status IN ('PENDING', 'APPLIED', 'REJECTED')),
    changed_fields      varchar(200) NOT NULL CHECK (length(changed_fields) > 0),
    changes_enc         bytea        NOT NULL
        CONSTRAINT change_request_changes_sealed CHECK (get_byte(changes_enc, 0) = 1 AND octet_length(changes_enc) >= 29),
    reason_enc          bytea
        CONSTRAINT change_request_reason_sealed CHECK (reason_enc IS NULL OR (get_byte(reason_enc, 0) = 1 AND octet_length(reason_enc) >= 29)),
    base_version        integer      NOT NULL,
    requested_by        varchar(255) NOT NULL,
    requested_at        timestamptz  NOT NULL,
    decided_by          varchar(255),
    decided_at          timestamptz,
    decision_reason_enc bytea
        CONSTRAINT change_request_decision_reason_sealed CHECK (decision_reason_enc IS NULL
            OR (get_byte(decision_reason_enc, 0) = 1 AND octet_length(decision_reason_enc) >= 29)),
    CHECK ((status = 'PENDING') = (decided_by IS NULL)),
    CHECK ((decided_by IS NULL) = (decided_at IS NULL)),
    -- maker-checker, in the database too
    CHECK (decided_by IS NULL OR decided_by <> requested_by)
);
-- One pending request per file at a time.
CREATE UNIQUE INDEX change_request_one_pending_per_file ON change_request (file_id) WHERE status = 'PENDING';
CREATE INDEX change_request_file_idx ON change_request (file_id, id);
CREATE INDEX change_request_status_idx ON change_request (status, id);

-- History entries keep the old and new value of every changed field, sealed as one value
-- (SealedColumns.EVENT_CHANGES); changed_fields keeps the names in the clear.
ALTER TABLE file_event ADD COLUMN changes_enc bytea
    CONSTRAINT file_event_changes_enc_sealed
    CHECK (changes_enc IS NULL OR (get_byte(changes_enc, 0) = 1 AND octet_length(changes_enc) >= 29));
