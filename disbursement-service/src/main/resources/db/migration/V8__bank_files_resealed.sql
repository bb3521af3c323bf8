-- Bank files are re-sealed after a rotation of the details key like every other sealed column (issue 13): the
-- immutability trigger lets content and sha256 change only in a re-sealing transaction (SET LOCAL
-- union_aid.reseal = 'bank_file', which BankFileResealing sets), each to a value of the same length (the same
-- plaintext sealed again is exactly as long), and nothing else of the row with them. What the database cannot
-- see, the application checks before it writes: both values open, the content's SHA-256 is the digest, and the
-- same bytes are sealed again under the current key. A value written by anyone without the key opens under none,
-- so a download refuses it rather than serving other bytes.
CREATE OR REPLACE FUNCTION bank_file_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    resealing boolean := coalesce(current_setting('union_aid.reseal', true), '') = 'bank_file';
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'bank files are never deleted' USING ERRCODE = 'check_violation';
    END IF;
    IF (NEW.content IS DISTINCT FROM OLD.content OR NEW.sha256 IS DISTINCT FROM OLD.sha256)
       AND NOT (resealing AND octet_length(NEW.content) = octet_length(OLD.content)
                AND octet_length(NEW.sha256) = octet_length(OLD.sha256) AND NEW.status = OLD.status
                AND NEW.completed_at IS NOT DISTINCT FROM OLD.completed_at) THEN
        RAISE EXCEPTION 'an exported bank file does not change' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.line_count <> OLD.line_count OR NEW.total <> OLD.total OR NEW.project_code <> OLD.project_code
       OR NEW.exported_at <> OLD.exported_at OR NEW.exported_by <> OLD.exported_by
       OR (OLD.status = 'COMPLETED' AND NEW.status <> 'COMPLETED') THEN
        RAISE EXCEPTION 'an exported bank file does not change' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
