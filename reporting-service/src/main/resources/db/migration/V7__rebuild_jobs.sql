-- Rebuilds of the derived figures (issue 15: backfills and rebuilds run as batched, resumable jobs, never inside a
-- migration): the command `rebuild` (feed.Rebuild). One row per job: its phase (PAYOUTS: the standing payouts by
-- payout_id, FILES: registry_file by file_id, DONE), the id it has counted up to in that phase (ids of the sources'
-- sequences are positive), the batches and rows done. Each batch moves the row in the transaction that writes its
-- figures, so a stopped job resumes exactly after its last committed batch.
CREATE SEQUENCE rebuild_job_seq;

CREATE TABLE rebuild_job (
    job_id       bigint      PRIMARY KEY DEFAULT nextval('rebuild_job_seq'),
    phase        varchar(8)  NOT NULL CHECK (phase IN ('PAYOUTS', 'FILES', 'DONE')),
    position     bigint      NOT NULL DEFAULT 0 CHECK (position >= 0),
    batches      integer     NOT NULL DEFAULT 0 CHECK (batches >= 0),
    rows_done    bigint      NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
    started_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    CHECK ((phase = 'DONE') = (finished_at IS NOT NULL))
);

-- One job at a time: at most one unfinished row.
CREATE UNIQUE INDEX rebuild_job_one_unfinished ON rebuild_job ((true)) WHERE finished_at IS NULL;
