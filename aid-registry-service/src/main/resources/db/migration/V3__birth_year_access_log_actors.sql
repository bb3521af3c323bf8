-- The head's birth date is the middle of the ID number: next to the masked number
-- (110105********002X) it gives the whole number back. Only the birth year is kept in the clear;
-- the full date is read from the sealed ID number, by those who see the number.
ALTER TABLE hardship_file ADD COLUMN birth_year integer;
UPDATE hardship_file SET birth_year = extract(year FROM birth_date)::integer;
ALTER TABLE hardship_file ALTER COLUMN birth_year SET NOT NULL;
ALTER TABLE hardship_file ADD CHECK (birth_year BETWEEN 1900 AND 2200);
ALTER TABLE hardship_file DROP COLUMN birth_date;

-- Every read of a file's personal data is logged, not only reads of the full ID number:
-- whether the read showed the full number (all rows before this migration did).
ALTER TABLE file_access ADD COLUMN full_id_number boolean NOT NULL DEFAULT true;
ALTER TABLE file_access ALTER COLUMN full_id_number SET DEFAULT false;

-- Who did something is a token's subject (common's token policy refuses subjects above 200 characters;
-- the columns hold 255, what OpenID Connect allows a subject, so that no subject a policy lets in fails a write).
ALTER TABLE hardship_file ALTER COLUMN created_by TYPE varchar(255);
ALTER TABLE file_event ALTER COLUMN actor TYPE varchar(255);
ALTER TABLE file_access ALTER COLUMN actor TYPE varchar(255);
ALTER TABLE file_check ALTER COLUMN recorded_by TYPE varchar(255);
ALTER TABLE minimum_living_standard ALTER COLUMN updated_by TYPE varchar(255);
