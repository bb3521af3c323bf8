-- Merged hardship files (issue 14): a duplicate file merged by a reviewer is CANCELLED with mergedInto,
-- and from then on its payouts count for the surviving file. One row per file merged now, from the
-- newest state of the file in the registry's worker feed (a state without mergedInto deletes the row).
-- The person a payout counts for is the end of the chain of merged_into (a file merged into one that
-- was merged itself later), so the order in which merges and re-pointings arrive does not matter.
-- Written in the transaction that applies the worker feed's batch, with the feed position.
CREATE TABLE worker_merge (
    file_id      bigint PRIMARY KEY,
    merged_into  bigint NOT NULL,
    CHECK (file_id <> merged_into)
);
-- The files merged into one: a merge of that one moves them with it.
CREATE INDEX worker_merge_by_survivor ON worker_merge (merged_into);

-- A merge moves the merged file's standing household payouts (their aid_person rows) to the survivor.
CREATE INDEX payout_by_worker ON payout (worker_id) WHERE worker_id IS NOT NULL;
