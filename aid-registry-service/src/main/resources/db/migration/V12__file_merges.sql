-- Merges of duplicate files (issue 14). A reviewer merges file B into file A: B becomes CANCELLED with
-- merged_into = A, and B's aid counts for A in every rule and report. merged_into always names a live file, one
-- level deep: files merged into B before are re-pointed to A in the same transaction (service.FileMerge), and the
-- trigger below refuses a chain or a merge into a closed file.
ALTER TABLE hardship_file ADD COLUMN merged_into bigint REFERENCES hardship_file (id),
    ADD CONSTRAINT hardship_file_not_merged_into_itself CHECK (merged_into <> id),
    ADD CONSTRAINT hardship_file_merged_is_cancelled CHECK (merged_into IS NULL OR status = 'CANCELLED');
-- a file's view lists the files merged into it
CREATE INDEX hardship_file_merged_into_idx ON hardship_file (merged_into) WHERE merged_into IS NOT NULL;

CREATE FUNCTION hardship_file_merge_one_level() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.merged_into IS NOT DISTINCT FROM OLD.merged_into THEN
        RETURN NEW;
    END IF;
    IF NEW.merged_into IS NOT NULL THEN
        IF EXISTS (SELECT 1 FROM hardship_file WHERE id = NEW.merged_into
                   AND (merged_into IS NOT NULL OR status NOT IN ('PENDING', 'ACTIVE', 'TEMPORARY'))) THEN
            RAISE EXCEPTION 'file % is merged into % which is itself merged or closed', NEW.id, NEW.merged_into
                USING ERRCODE = 'check_violation';
        END IF;
        IF EXISTS (SELECT 1 FROM hardship_file WHERE merged_into = NEW.id) THEN
            RAISE EXCEPTION 'files merged into % are to be re-pointed before it is merged', NEW.id
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER hardship_file_merge_one_level BEFORE INSERT OR UPDATE OF merged_into ON hardship_file
    FOR EACH ROW EXECUTE FUNCTION hardship_file_merge_one_level();
