-- When each file was last aided (issue 14), learnt from disbursement's payout feed (docs/contracts.md): a PAID
-- payout of a household is a row of file_payout, its reversal marks it reversed; hardship_file.last_aided_at is the
-- latest payout not reversed (null: never aided). feed_position is where the feed was read to, written in the same
-- transaction as what was applied (as reporting-service does).
CREATE TABLE file_payout (
    payout_id   bigint      PRIMARY KEY,
    file_id     bigint      NOT NULL,
    occurred_at timestamptz NOT NULL,
    reversed    boolean     NOT NULL DEFAULT false
);
CREATE INDEX file_payout_file_idx ON file_payout (file_id, occurred_at) WHERE NOT reversed;

ALTER TABLE hardship_file ADD COLUMN last_aided_at timestamptz;
-- ?neverAided=true lists in id order
CREATE INDEX hardship_file_never_aided_idx ON hardship_file (id) WHERE last_aided_at IS NULL;

CREATE TABLE feed_position (
    feed       varchar(32) PRIMARY KEY,
    last_seq   bigint      NOT NULL CHECK (last_seq >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO feed_position (feed, last_seq) VALUES ('payouts', 0);
