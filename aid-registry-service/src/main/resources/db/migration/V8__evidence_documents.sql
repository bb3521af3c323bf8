-- Evidence documents of a file (issue 14): the bytes are sealed in the document store (a local folder or
-- S3-compatible storage) under object_key; the database keeps what they are and their SHA-256. Written once:
-- a document is never changed, and a new one is a new row.
CREATE TABLE file_document (
    id           bigserial    PRIMARY KEY,
    file_id      bigint       NOT NULL REFERENCES hardship_file (id),
    object_key   varchar(80)  NOT NULL UNIQUE CHECK (object_key ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
    kind         varchar(20)  NOT NULL CHECK (kind IN ('CONSENT', 'INCOME_PROOF', 'MEDICAL_BILL', 'ADMISSION_LETTER',
                                                       'CERTIFICATE', 'RECEIPT', 'OTHER')),
    content_type varchar(20)  NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size         integer      NOT NULL CHECK (size BETWEEN 1 AND 10485760),
    sha256       char(64)     NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    uploaded_by  varchar(255) NOT NULL,
    uploaded_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX file_document_file_idx ON file_document (file_id, id);

CREATE FUNCTION file_document_written_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'file_document rows are written once' USING ERRCODE = '23514';
END $$;
CREATE TRIGGER file_document_written_once BEFORE UPDATE ON file_document
    FOR EACH ROW EXECUTE FUNCTION file_document_written_once();
