-- A cap per payout may also be set in months of the city's 低保, by category like the yearly one.
ALTER TABLE project
    ADD COLUMN payout_cap_months_deep  numeric(6,2) CHECK (payout_cap_months_deep > 0),
    ADD COLUMN payout_cap_months_other numeric(6,2) CHECK (payout_cap_months_other > 0);
