-- Money to the bank and back (issue 13). A BANK_TRANSFER payout is ISSUED when finance makes it, SENT once it is
-- in a bank file, PAID or FAILED from the bank's result; CASH is PAID at once. The money stays reserved until PAID.
-- Payouts made before this migration were PAID at once whatever their channel and stay so (no bank file).

-- The application of a payout that is ISSUED or SENT is PAYING: its money still reserved, not cancellable, and
-- counted as committed by every rule. PAID when its payout is, back to APPROVED when its payout FAILED.
ALTER TABLE application DROP CONSTRAINT application_status_check;
ALTER TABLE application ADD CONSTRAINT application_status_check
    CHECK (status IN ('SUBMITTED', 'AWAITING_SECOND_APPROVAL', 'APPROVED', 'PAYING', 'REJECTED', 'CANCELLED',
                      'PAID', 'REVERSED'));
DROP INDEX application_once_idx;
CREATE UNIQUE INDEX application_once_idx ON application (project_code, worker_id, once_key)
    WHERE once_key IS NOT NULL AND status IN ('AWAITING_SECOND_APPROVAL', 'APPROVED', 'PAYING', 'PAID');

-- A bank file (代发文件): its content is built once at export and never changes. The content carries account
-- numbers and names: sealed at rest (purpose bank_file.content), as is its SHA-256 (bank_file.sha256: over a
-- one-line file the digest and the masked number would let anyone who reads the table try the missing digits).
-- EXPORTED until every payout in it is PAID or FAILED, then COMPLETED.
CREATE SEQUENCE bank_file_seq START 1 INCREMENT 1;
CREATE TABLE bank_file (
    id           bigint        PRIMARY KEY,
    project_code varchar(40)   NOT NULL REFERENCES project (code),
    status       varchar(16)   NOT NULL CHECK (status IN ('EXPORTED', 'COMPLETED')),
    line_count   integer       NOT NULL CHECK (line_count > 0),
    total        numeric(14,2) NOT NULL CHECK (total > 0),
    sha256       bytea         NOT NULL CHECK (get_byte(sha256, 0) = 1 AND octet_length(sha256) >= 29),
    content      bytea         NOT NULL CHECK (get_byte(content, 0) = 1 AND octet_length(content) >= 29),
    exported_at  timestamptz   NOT NULL,
    exported_by  varchar(200)  NOT NULL,
    completed_at timestamptz,
    CONSTRAINT bank_file_completed CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL))
);
CREATE INDEX bank_file_project_idx ON bank_file (project_code, id);

-- What was exported stays as it was: content, digest, count and total never change; a file is never deleted
-- (its payouts point at it); EXPORTED may become COMPLETED, never the other way.
CREATE FUNCTION bank_file_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'bank files are never deleted' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.content IS DISTINCT FROM OLD.content OR NEW.sha256 IS DISTINCT FROM OLD.sha256
       OR NEW.line_count <> OLD.line_count OR NEW.total <> OLD.total OR NEW.project_code <> OLD.project_code
       OR NEW.exported_at <> OLD.exported_at OR NEW.exported_by <> OLD.exported_by
       OR (OLD.status = 'COMPLETED' AND NEW.status <> 'COMPLETED') THEN
        RAISE EXCEPTION 'an exported bank file does not change' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER bank_file_no_change BEFORE UPDATE OR DELETE ON bank_file
    FOR EACH ROW EXECUTE FUNCTION bank_file_immutable();

-- Each download of a bank file's content (it carries bank accounts): who, when, in which encoding.
CREATE TABLE bank_file_download (
    id            bigserial    PRIMARY KEY,
    bank_file_id  bigint       NOT NULL REFERENCES bank_file (id),
    encoding      varchar(16)  NOT NULL CHECK (encoding IN ('UTF-8', 'GBK')),
    downloaded_by varchar(200) NOT NULL,
    downloaded_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX bank_file_download_file_idx ON bank_file_download (bank_file_id, id);

-- Payouts: at most one per application that has not FAILED (a FAILED one stays, and the application is paid
-- again by a new payout once its account is fixed).
ALTER TABLE payout DROP CONSTRAINT payout_application_id_key;
CREATE UNIQUE INDEX payout_one_live_per_application ON payout (application_id) WHERE status <> 'FAILED';
CREATE INDEX payout_application_idx ON payout (application_id);

ALTER TABLE payout DROP CONSTRAINT payout_status_check;
ALTER TABLE payout ADD CONSTRAINT payout_status_check
    CHECK (status IN ('ISSUED', 'SENT', 'PAID', 'FAILED', 'REVERSED'));
ALTER TABLE payout ALTER COLUMN paid_at DROP NOT NULL, ALTER COLUMN paid_by DROP NOT NULL;
ALTER TABLE payout
    ADD COLUMN issued_at       timestamptz,
    ADD COLUMN issued_by       varchar(200),
    ADD COLUMN bank_file_id    bigint REFERENCES bank_file (id),
    ADD COLUMN sent_at         timestamptz,
    ADD COLUMN failed_at       timestamptz,
    ADD COLUMN result_by       varchar(200),
    -- The bank's message for a failed transfer may name the account holder: sealed (payout.failure_message).
    ADD COLUMN failure_message bytea
        CONSTRAINT payout_failure_message_sealed
        CHECK (failure_message IS NULL OR (get_byte(failure_message, 0) = 1 AND octet_length(failure_message) >= 29));
UPDATE payout SET issued_at = paid_at, issued_by = paid_by;

ALTER TABLE payout
    ADD CONSTRAINT payout_paid_when_paid CHECK ((status IN ('PAID', 'REVERSED')) = (paid_at IS NOT NULL AND paid_by IS NOT NULL)),
    ADD CONSTRAINT payout_issued_recorded CHECK (status NOT IN ('ISSUED', 'SENT', 'FAILED')
                                                 OR (issued_at IS NOT NULL AND issued_by IS NOT NULL)),
    ADD CONSTRAINT payout_cash_paid_at_once CHECK (channel = 'BANK_TRANSFER' OR status IN ('PAID', 'REVERSED')),
    ADD CONSTRAINT payout_file_of_bank_transfer CHECK (bank_file_id IS NULL OR channel = 'BANK_TRANSFER'),
    ADD CONSTRAINT payout_issued_in_no_file CHECK (status <> 'ISSUED' OR bank_file_id IS NULL),
    ADD CONSTRAINT payout_sent_in_a_file CHECK (status NOT IN ('SENT', 'FAILED') OR bank_file_id IS NOT NULL),
    ADD CONSTRAINT payout_sent_at_with_file CHECK ((bank_file_id IS NULL) = (sent_at IS NULL)),
    ADD CONSTRAINT payout_failed_when_failed CHECK ((status = 'FAILED') = (failed_at IS NOT NULL));
-- The bank's result names a line by the payout's reference: one reference once in a file.
CREATE UNIQUE INDEX payout_reference_in_file ON payout (bank_file_id, reference) WHERE bank_file_id IS NOT NULL;
CREATE INDEX payout_reference_idx ON payout (reference);
CREATE INDEX payout_sent_idx ON payout (sent_at, id) WHERE status = 'SENT';

-- The lifecycle, whoever writes: ISSUED -> SENT -> PAID | FAILED, PAID -> REVERSED; a payout joins one bank file
-- once and never leaves it; amount, application and channel never change.
CREATE FUNCTION payout_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> OLD.status AND (OLD.status, NEW.status) NOT IN
           (('ISSUED', 'SENT'), ('SENT', 'PAID'), ('SENT', 'FAILED'), ('PAID', 'REVERSED')) THEN
        RAISE EXCEPTION 'payout % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.bank_file_id IS NOT NULL AND NEW.bank_file_id IS DISTINCT FROM OLD.bank_file_id
       OR NEW.amount <> OLD.amount OR NEW.application_id <> OLD.application_id OR NEW.channel <> OLD.channel THEN
        RAISE EXCEPTION 'payout % keeps its file, amount, application and channel', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER payout_lifecycle BEFORE UPDATE ON payout FOR EACH ROW EXECUTE FUNCTION payout_transition();
