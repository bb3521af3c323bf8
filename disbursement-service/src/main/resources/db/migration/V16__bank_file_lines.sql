-- A bank file's lines in a table of their own (issue 13's benchmark, bench/results/bank-file.md): the export writes
-- one row per payout (one INSERT ... SELECT from its ISSUED -> SENT update), the result import finds a line's payout
-- there. payout.bank_file_id stays (which file a payout went in, set once) but no index holds it any more, so
-- ISSUED -> SENT, like SENT -> PAID since V11, changes no indexed column and can be a HOT update.

-- One reference once in a file (the primary key, before: payout_reference_in_file) and one payout in one line
-- of one file, ever.
CREATE TABLE bank_file_line (
    bank_file_id bigint       NOT NULL,
    reference    varchar(100) NOT NULL,
    payout_id    bigint       NOT NULL CONSTRAINT bank_file_line_payout_once UNIQUE,
    PRIMARY KEY (bank_file_id, reference)
);

-- The payouts already in bank files (set-based: small data in existing installs).
INSERT INTO bank_file_line (bank_file_id, reference, payout_id)
SELECT bank_file_id, reference, id FROM payout WHERE bank_file_id IS NOT NULL ORDER BY bank_file_id, reference;

DROP INDEX payout_reference_in_file;

-- Room on each page for a payout's two updates (ISSUED -> SENT -> PAID | FAILED) to stay on its page (HOT): 80 % left
-- room for about one in four; pages written from now on (a ledger of payouts only grows at its end).
ALTER TABLE payout SET (fillfactor = 50);

-- A line names a bank file that exists and a payout that is in that file under that reference. Checked once per
-- statement over the lines it wrote (a foreign key would check and lock row by row: 10,000 times the same bank file,
-- and each payout the export has just updated). Neither a bank file (bank_file_immutable, bank_file_no_truncate),
-- nor a payout's file or reference (payout_transition), nor a line (below) ever changes or goes, so what the check
-- found stays true.
CREATE FUNCTION bank_file_line_matches() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    wrong record;
BEGIN
    SELECT n.bank_file_id, n.payout_id INTO wrong FROM written n
     WHERE NOT EXISTS (SELECT 1 FROM bank_file f WHERE f.id = n.bank_file_id)
        OR NOT EXISTS (SELECT 1 FROM payout p
                        WHERE p.id = n.payout_id AND p.bank_file_id = n.bank_file_id AND p.reference = n.reference)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'line of bank file % names payout %, which is not in that file under that reference',
            wrong.bank_file_id, wrong.payout_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER bank_file_line_matches AFTER INSERT ON bank_file_line REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION bank_file_line_matches();

CREATE FUNCTION bank_file_line_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the lines of a bank file never change' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER bank_file_line_no_change BEFORE UPDATE OR DELETE ON bank_file_line
    FOR EACH ROW EXECUTE FUNCTION bank_file_line_immutable();
CREATE TRIGGER bank_file_line_no_truncate BEFORE TRUNCATE ON bank_file_line
    FOR EACH STATEMENT EXECUTE FUNCTION bank_file_line_immutable();

-- A payout in a bank file has its line there (the export writes both in one statement; this trigger, fired at the
-- statement's end, sees both). It replaces V11's check that the file exists: the line's check covers that.
CREATE OR REPLACE FUNCTION payout_file_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    wrong record;
BEGIN
    SELECT n.id, n.bank_file_id INTO wrong FROM written n
     WHERE n.bank_file_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM bank_file_line l WHERE l.payout_id = n.id AND l.bank_file_id = n.bank_file_id)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'payout % names bank file %, which has no line of it', wrong.id, wrong.bank_file_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

-- The lifecycle as V7 wrote it, and a payout in a bank file keeps its reference too (its line carries it).
CREATE OR REPLACE FUNCTION payout_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> OLD.status AND (OLD.status, NEW.status) NOT IN
           (('ISSUED', 'SENT'), ('SENT', 'PAID'), ('SENT', 'FAILED'), ('PAID', 'REVERSED')) THEN
        RAISE EXCEPTION 'payout % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.bank_file_id IS NOT NULL AND (NEW.bank_file_id IS DISTINCT FROM OLD.bank_file_id OR NEW.reference <> OLD.reference)
       OR NEW.amount <> OLD.amount OR NEW.application_id <> OLD.application_id OR NEW.channel <> OLD.channel THEN
        RAISE EXCEPTION 'payout % keeps its file, reference, amount, application and channel', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
