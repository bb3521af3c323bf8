-- The history of a project's rules (issue 14): every change of them by PUT /api/v1/projects/{code} appends one row
-- with who changed them, when, and before/after of each rule that changed ({"payoutCap": {"before": "3000.00",
-- "after": "5000.00"}}, the rules' API names and values). Rules are configuration, no personal data: in the clear.
-- Appended only: a trigger refuses UPDATE, DELETE and TRUNCATE.
CREATE TABLE project_event (
    id           bigserial    PRIMARY KEY,
    project_code varchar(40)  NOT NULL REFERENCES project (code),
    at           timestamptz  NOT NULL DEFAULT now(),
    actor        varchar(255) NOT NULL CHECK (actor <> ''),
    changes      jsonb        NOT NULL CHECK (jsonb_typeof(changes) = 'object' AND changes <> '{}'::jsonb)
);
CREATE INDEX project_event_project_idx ON project_event (project_code, id);

CREATE FUNCTION project_event_appended_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'project_event rows are appended only' USING ERRCODE = '23514';
END $$;
CREATE TRIGGER project_event_appended_only BEFORE UPDATE OR DELETE ON project_event
    FOR EACH ROW EXECUTE FUNCTION project_event_appended_only();
CREATE TRIGGER project_event_not_truncated BEFORE TRUNCATE ON project_event
    FOR EACH STATEMENT EXECUTE FUNCTION project_event_appended_only();
