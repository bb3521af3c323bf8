-- A reversal whose payout has not been delivered yet (the feeds of another reader, a replay, a
-- source that sends them out of order): kept here, in the transaction that moves the payouts feed
-- past it, and applied when the payout arrives (the payout is then stored as reversed and counted
-- nowhere). The primary key makes a reversal delivered twice wait once.
CREATE TABLE pending_reversal (
    payout_id    bigint      PRIMARY KEY,
    entry_id     bigint      NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);
