-- Issue 12: the masked ID number showed the region code and the last four (110105********002X); with
-- the birth year beside it, some thirty numbers were left, each confirmed by one lookup. The masked
-- form keeps the last four only.
UPDATE hardship_file SET id_number_masked = repeat('*', 14) || right(id_number_masked, 4)
 WHERE id_number_masked NOT LIKE '**************%';

ALTER TABLE hardship_file
    ADD CONSTRAINT hardship_file_id_number_masked_last_four CHECK (id_number_masked ~ '^\*{14}[0-9]{3}[0-9X]$');

-- The ID-number probes (lookups, refused duplicates) of each person in the current hour window.
CREATE TABLE lookup_allowance (
    subject      text         PRIMARY KEY,
    window_start timestamptz  NOT NULL,
    used         integer      NOT NULL CHECK (used > 0)
);
