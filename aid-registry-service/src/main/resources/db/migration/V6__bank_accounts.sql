-- Bank accounts of files (issue 13): where the aid of a BANK_TRANSFER payout goes. The account (bank name,
-- account number, account name) is one value sealed by the service (SealedColumns.BANK_ACCOUNT), never in
-- the clear; only sealed values go in (format byte 1, nonce and tag: 29 bytes at least, SealedValues).
-- One account per file: a PUT replaces it, and the history keeps the change.
CREATE TABLE bank_account (
    file_id     bigint       PRIMARY KEY REFERENCES hardship_file (id),
    account_enc bytea        NOT NULL CHECK (get_byte(account_enc, 0) = 1 AND octet_length(account_enc) >= 29),
    updated_at  timestamptz  NOT NULL,
    updated_by  varchar(255) NOT NULL
);

-- A history entry of a change of the account: the account before and after, sealed
-- (SealedColumns.EVENT_BANK_ACCOUNT), shown masked in /history.
ALTER TABLE file_event ADD COLUMN bank_account_enc bytea
    CONSTRAINT file_event_bank_account_enc_sealed
    CHECK (bank_account_enc IS NULL OR (get_byte(bank_account_enc, 0) = 1 AND octet_length(bank_account_enc) >= 29));
