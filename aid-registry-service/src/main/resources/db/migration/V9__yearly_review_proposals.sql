-- Yearly reviews as proposals (issue 14). A review filed by a clerk waits for a reviewer: within the line it is
-- APPLIED (the new figures and the category they give) or REJECTED (the file stays as it was); above the line the
-- file is exit_proposed until a reviewer EXITS it (INCOME_ABOVE_LINE) or KEEPS it. A reviewer's own review within
-- the line applies at once. The reviewed household and the decision's reason are personal data, sealed by the
-- service (SealedColumns.REVIEW_HOUSEHOLD, REVIEW_DECISION_REASON); the review's note stays with its history entry.
CREATE TABLE file_review (
    id                  bigserial    PRIMARY KEY,
    file_id             bigint       NOT NULL REFERENCES hardship_file (id),
    status              varchar(10)  NOT NULL CHECK (status IN ('PENDING', 'APPLIED', 'REJECTED', 'EXITED', 'KEPT')),
    outcome             varchar(10)  NOT NULL CHECK (outcome IN ('ELIGIBLE', 'ABOVE_LINE')),
    -- the category the figures give when filed; none above the line
    category            varchar(10)  CHECK (category IN ('DEEP', 'RELATIVE', 'ACCIDENT')),
    household_enc       bytea        NOT NULL
        CONSTRAINT file_review_household_sealed CHECK (get_byte(household_enc, 0) = 1 AND octet_length(household_enc) >= 29),
    base_version        integer      NOT NULL,
    filed_by            varchar(255) NOT NULL,
    filed_by_reviewer   boolean      NOT NULL,
    filed_at            timestamptz  NOT NULL,
    decided_by          varchar(255),
    decided_at          timestamptz,
    decision_reason_enc bytea
        CONSTRAINT file_review_decision_reason_sealed CHECK (decision_reason_enc IS NULL
            OR (get_byte(decision_reason_enc, 0) = 1 AND octet_length(decision_reason_enc) >= 29)),
    CHECK ((outcome = 'ABOVE_LINE') = (category IS NULL)),
    -- within the line a review is applied or rejected; above it the file is exited or kept
    CHECK (status = 'PENDING' OR (outcome = 'ELIGIBLE' AND status IN ('APPLIED', 'REJECTED'))
        OR (outcome = 'ABOVE_LINE' AND status IN ('EXITED', 'KEPT'))),
    CHECK ((status = 'PENDING') = (decided_by IS NULL)),
    CHECK ((decided_by IS NULL) = (decided_at IS NULL)),
    -- maker-checker, in the database too: a clerk's review is decided by someone else
    CHECK (decided_by IS NULL OR decided_by <> filed_by OR filed_by_reviewer)
);
-- One pending review per file at a time.
CREATE UNIQUE INDEX file_review_one_pending_per_file ON file_review (file_id) WHERE status = 'PENDING';
CREATE INDEX file_review_file_idx ON file_review (file_id, id);

-- A household found above the line: the file gets no person-aid until a reviewer exits or keeps it. Only an
-- ACTIVE file is proposed for exit, and only while a review of it above the line is pending.
ALTER TABLE hardship_file ADD COLUMN exit_proposed boolean NOT NULL DEFAULT false
    CONSTRAINT hardship_file_exit_proposed_active CHECK (NOT exit_proposed OR status = 'ACTIVE');

CREATE FUNCTION hardship_file_exit_proposed_has_review() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.exit_proposed AND NOT EXISTS (SELECT 1 FROM file_review r WHERE r.file_id = NEW.id
            AND r.status = 'PENDING' AND r.outcome = 'ABOVE_LINE') THEN
        RAISE EXCEPTION 'file % is proposed for exit without a pending review above the line', NEW.id
            USING ERRCODE = '23514';
    END IF;
    RETURN NULL;
END $$;
-- Checked at commit: the review and the flag are written in one transaction, in either order.
CREATE CONSTRAINT TRIGGER hardship_file_exit_proposed_has_review AFTER INSERT OR UPDATE OF exit_proposed ON hardship_file
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hardship_file_exit_proposed_has_review();

CREATE FUNCTION file_review_decided_clears_exit_proposed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM hardship_file f WHERE f.id = NEW.file_id AND f.exit_proposed)
            AND NOT EXISTS (SELECT 1 FROM file_review r WHERE r.file_id = NEW.file_id
                AND r.status = 'PENDING' AND r.outcome = 'ABOVE_LINE') THEN
        RAISE EXCEPTION 'file % stays proposed for exit after its review was decided', NEW.file_id
            USING ERRCODE = '23514';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER file_review_decided_clears_exit_proposed AFTER UPDATE OF status ON file_review
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION file_review_decided_clears_exit_proposed();
