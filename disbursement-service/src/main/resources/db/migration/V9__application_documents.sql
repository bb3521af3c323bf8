-- Evidence documents of an application (issue 14): the bytes are sealed in the document store (a local folder or
-- S3-compatible storage) under object_key; the database keeps what they are and their SHA-256. Written once.
CREATE TABLE application_document (
    id             bigserial    PRIMARY KEY,
    application_id bigint       NOT NULL REFERENCES application (id),
    object_key     varchar(80)  NOT NULL UNIQUE CHECK (object_key ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
    kind           varchar(20)  NOT NULL CHECK (kind IN ('CONSENT', 'INCOME_PROOF', 'MEDICAL_BILL', 'ADMISSION_LETTER',
                                                         'CERTIFICATE', 'RECEIPT', 'OTHER')),
    content_type   varchar(20)  NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size           integer      NOT NULL CHECK (size BETWEEN 1 AND 10485760),
    sha256         char(64)     NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    uploaded_by    varchar(200) NOT NULL,
    uploaded_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX application_document_application_idx ON application_document (application_id, id);

CREATE FUNCTION application_document_written_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'application_document rows are written once' USING ERRCODE = '23514';
END $$;
CREATE TRIGGER application_document_written_once BEFORE UPDATE ON application_document
    FOR EACH ROW EXECUTE FUNCTION application_document_written_once();

-- Every read of an application's documents: a page of the list (document_id null), what one is, its content.
CREATE TABLE application_document_access (
    id             bigserial    PRIMARY KEY,
    application_id bigint       NOT NULL REFERENCES application (id),
    document_id    bigint       REFERENCES application_document (id),
    purpose        varchar(16)  NOT NULL CHECK (purpose IN ('LIST', 'VIEW', 'CONTENT')),
    actor          varchar(200) NOT NULL,
    at             timestamptz  NOT NULL DEFAULT now(),
    CHECK ((purpose = 'LIST') = (document_id IS NULL))
);
CREATE INDEX application_document_access_idx ON application_document_access (application_id, id);
