-- Fixes of merges after review (issue 14).
-- 1. A merged file keeps its ID number taken: it is CANCELLED, but its history is the survivor's, so a new file for
--    that number would start without it. The one-file-per-number index covers merged files too; an entry, import or
--    activation of such a number gets the duplicate-open-file problem, as for an open file. (A database where a
--    merged file's number has been entered again since V12 stops here: merge that file as well, then migrate.)
DROP INDEX hardship_file_one_open_per_id;
CREATE UNIQUE INDEX hardship_file_one_open_per_id ON hardship_file (id_number_hash)
    WHERE status IN ('PENDING', 'ACTIVE', 'TEMPORARY') OR merged_into IS NOT NULL;

-- 2. The members of a merged file paired with the survivor's members of the same person, stored when the merge is
--    made (service.FileMerge) and re-pointed with the file: a later correction of a name or birth date on either file
--    does not undo a pairing (disbursement counts a student's aid once by it). Ids only, no personal data.
CREATE TABLE file_merge_member (
    file_id        bigint  NOT NULL REFERENCES hardship_file (id),
    member_id      integer NOT NULL,
    into_file_id   bigint  NOT NULL REFERENCES hardship_file (id),
    into_member_id integer NOT NULL,
    PRIMARY KEY (file_id, member_id),
    CHECK (into_file_id <> file_id)
);
-- a file's view reads the pairs of the files merged into it
CREATE INDEX file_merge_member_into_idx ON file_merge_member (into_file_id, file_id, member_id);
