-- The 11 aid projects and their rules. Every rule is configuration (admin edits it);
-- NULL means "no such limit". Amounts in yuan, numeric(14,2); "months" count the city's
-- monthly minimum living standard (低保) of the application's year.
CREATE TABLE project (
    code                       varchar(40)   PRIMARY KEY,
    name_zh                    varchar(100)  NOT NULL,
    name_en                    varchar(200)  NOT NULL,
    beneficiary                varchar(16)   NOT NULL CHECK (beneficiary IN ('HOUSEHOLD', 'ENTERPRISE', 'STATION')),
    payout_cap                 numeric(14,2) CHECK (payout_cap > 0),
    university_amount          numeric(14,2) CHECK (university_amount > 0),
    high_school_amount         numeric(14,2) CHECK (high_school_amount > 0),
    yearly_cap                 numeric(14,2) CHECK (yearly_cap > 0),
    yearly_cap_months_deep     numeric(6,2)  CHECK (yearly_cap_months_deep > 0),
    yearly_cap_months_other    numeric(6,2)  CHECK (yearly_cap_months_other > 0),
    share_basis                varchar(40),
    share_percent_deep         numeric(5,2)  CHECK (share_percent_deep > 0 AND share_percent_deep <= 100),
    share_percent_other        numeric(5,2)  CHECK (share_percent_other > 0 AND share_percent_other <= 100),
    lifetime_cap               numeric(14,2) CHECK (lifetime_cap > 0),
    second_approval_above      numeric(14,2) CHECK (second_approval_above > 0),
    once_per                   varchar(32)   CHECK (once_per IN ('STUDENT_SCHOOL_YEAR', 'CAMPAIGN')),
    counts_as_aid_item         boolean       NOT NULL,
    accepts_temporary_file     boolean       NOT NULL DEFAULT false,
    migrant_only               boolean       NOT NULL DEFAULT false,
    evidence                   varchar(500)  NOT NULL DEFAULT '',
    updated_at                 timestamptz   NOT NULL DEFAULT now(),
    updated_by                 varchar(200)  NOT NULL DEFAULT 'migration',
    CHECK (share_basis IS NOT NULL OR (share_percent_deep IS NULL AND share_percent_other IS NULL))
);

INSERT INTO project (code, name_zh, name_en, beneficiary, payout_cap, university_amount, high_school_amount,
                     yearly_cap, yearly_cap_months_deep, yearly_cap_months_other, share_basis,
                     share_percent_deep, share_percent_other, lifetime_cap, second_approval_above, once_per,
                     counts_as_aid_item, accepts_temporary_file, migrant_only, evidence) VALUES
 ('LIVING_RELIEF', '生活救助', 'Living relief', 'HOUSEHOLD', NULL, NULL, NULL,
  NULL, 12, 8, NULL, NULL, NULL, NULL, NULL, NULL, true, false, false, ''),
 ('SERIOUS_ILLNESS', '大病医疗救助', 'Serious-illness medical relief', 'HOUSEHOLD', NULL, NULL, NULL,
  NULL, NULL, NULL, 'outOfPocket', 100, 80, 150000, 20000, NULL, true, false, false, 'medicalBills,outOfPocket'),
 ('MEDICAL_MUTUAL_AID', '职工医疗互助', 'Worker medical mutual aid', 'HOUSEHOLD', NULL, NULL, NULL,
  10000, NULL, NULL, 'outOfPocket', 50, 50, NULL, NULL, NULL, false, false, false, 'medicalBills,outOfPocket,mutualAidMembership'),
 ('GOLDEN_AUTUMN', '金秋助学', 'Golden Autumn student aid', 'HOUSEHOLD', NULL, 5000, 3000,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'STUDENT_SCHOOL_YEAR', true, false, false, 'studentMemberId,schoolLevel,schoolYear,admissionNotice'),
 ('ACCIDENT_RELIEF', '意外致困救助', 'Accident / sudden-hardship relief', 'HOUSEHOLD', 10000, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true, true, false, 'accidentReport'),
 ('FESTIVAL_WARMTH', '送温暖慰问', 'Festival "send warmth" visits', 'HOUSEHOLD', NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'CAMPAIGN', false, false, false, 'campaign'),
 ('KEY_ENTERPRISE', '帮扶重点企业', 'Support for key enterprises in difficulty', 'ENTERPRISE', NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, false, false, 'supportPlan'),
 ('SKILLS_TRAINING', '职工技能培训（一户一产业工人）', 'Skills training, "one household, one industrial worker"', 'HOUSEHOLD', NULL, NULL, NULL,
  3000, NULL, NULL, 'trainingCost', 100, 100, NULL, NULL, NULL, true, false, false, 'trainingCertificate,trainingCost'),
 ('EMPLOYMENT_AID', '就业援助', 'Employment assistance', 'HOUSEHOLD', NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true, false, false, 'placementOutcome'),
 ('MIGRANT_WORKER_AID', '困难农民工帮扶', 'Hardship migrant-worker aid', 'HOUSEHOLD', NULL, NULL, NULL,
  NULL, 12, 8, NULL, NULL, NULL, NULL, NULL, NULL, true, false, true, ''),
 ('STATION_STANDARDISATION', '帮扶站点规范化建设', 'Aid-station standardisation', 'STATION', NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, false, false, 'checklist');

-- A project's money for one year. available = allocated - reserved - paid, never below zero:
-- reservations are conditional updates, and these checks stand behind them.
CREATE TABLE budget (
    project_code varchar(40)   NOT NULL REFERENCES project (code),
    year         integer       NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    allocated    numeric(14,2) NOT NULL DEFAULT 0 CHECK (allocated >= 0),
    reserved     numeric(14,2) NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    paid         numeric(14,2) NOT NULL DEFAULT 0 CHECK (paid >= 0),
    updated_at   timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (project_code, year),
    CONSTRAINT budget_never_overspent CHECK (allocated - reserved - paid >= 0)
);

CREATE SEQUENCE application_seq START 1 INCREMENT 50;
CREATE TABLE application (
    id                   bigint        PRIMARY KEY,
    project_code         varchar(40)   NOT NULL REFERENCES project (code),
    year                 integer       NOT NULL,
    beneficiary          varchar(16)   NOT NULL CHECK (beneficiary IN ('HOUSEHOLD', 'ENTERPRISE', 'STATION')),
    worker_id            bigint,
    enterprise_id        bigint,
    station_code         varchar(32)   NOT NULL,
    station_path         varchar(1000) NOT NULL,
    category             varchar(16),
    main_cause           varchar(32),
    requested_amount     numeric(14,2) NOT NULL CHECK (requested_amount > 0),
    amount               numeric(14,2) CHECK (amount > 0),
    details              jsonb         NOT NULL DEFAULT '{}',
    once_key             varchar(100),
    status               varchar(32)   NOT NULL CHECK (status IN ('SUBMITTED', 'AWAITING_SECOND_APPROVAL', 'APPROVED',
                                                                  'REJECTED', 'CANCELLED', 'PAID', 'REVERSED')),
    submitted_by         varchar(200)  NOT NULL,
    submitted_at         timestamptz   NOT NULL,
    first_approved_by    varchar(200),
    first_approved_at    timestamptz,
    decided_by           varchar(200),
    decided_at           timestamptz,
    reason               varchar(1000),
    version              integer       NOT NULL DEFAULT 0,
    CHECK ((beneficiary = 'HOUSEHOLD') = (worker_id IS NOT NULL)),
    CHECK (beneficiary <> 'ENTERPRISE' OR enterprise_id IS NOT NULL),
    CHECK (status IN ('SUBMITTED', 'REJECTED', 'CANCELLED') OR amount IS NOT NULL),
    CHECK (decided_by IS NULL OR decided_by <> submitted_by),
    CHECK (first_approved_by IS NULL OR first_approved_by <> submitted_by),
    CHECK (decided_by IS NULL OR first_approved_by IS NULL OR decided_by <> first_approved_by)
);
CREATE INDEX application_worker_idx ON application (worker_id, year);
CREATE INDEX application_station_idx ON application (station_path text_pattern_ops, id);
CREATE INDEX application_project_idx ON application (project_code, status, id);
-- Golden Autumn once per student per school year, festival visits once per campaign.
CREATE UNIQUE INDEX application_once_idx ON application (project_code, worker_id, once_key)
    WHERE once_key IS NOT NULL AND status IN ('AWAITING_SECOND_APPROVAL', 'APPROVED', 'PAID');

CREATE SEQUENCE payout_seq START 1 INCREMENT 50;
CREATE TABLE payout (
    id                  bigint        PRIMARY KEY,
    application_id      bigint        NOT NULL UNIQUE REFERENCES application (id),
    project_code        varchar(40)   NOT NULL REFERENCES project (code),
    year                integer       NOT NULL,
    amount              numeric(14,2) NOT NULL CHECK (amount > 0),
    channel             varchar(16)   NOT NULL CHECK (channel IN ('BANK_TRANSFER', 'CASH')),
    reference           varchar(100)  NOT NULL,
    status              varchar(16)   NOT NULL CHECK (status IN ('PAID', 'REVERSED')),
    paid_at             timestamptz   NOT NULL,
    paid_by             varchar(200)  NOT NULL,
    reversal_reference  varchar(100),
    reversal_reason     varchar(1000),
    reversed_at         timestamptz,
    reversed_by         varchar(200),
    CHECK ((status = 'REVERSED') = (reversed_at IS NOT NULL AND reversal_reference IS NOT NULL))
);
CREATE INDEX payout_project_idx ON payout (project_code, year, id);

-- Every movement of money is one immutable entry; the budget row equals the sums of its entries:
-- allocated = ALLOCATE; reserved = RESERVE - RELEASE - PAY; paid = PAY - REVERSE.
CREATE SEQUENCE ledger_entry_seq START 1 INCREMENT 1;
CREATE TABLE ledger_entry (
    id             bigint        PRIMARY KEY,
    project_code   varchar(40)   NOT NULL,
    year           integer       NOT NULL,
    kind           varchar(16)   NOT NULL CHECK (kind IN ('ALLOCATE', 'RESERVE', 'RELEASE', 'PAY', 'REVERSE')),
    amount         numeric(14,2) NOT NULL CHECK (amount <> 0 AND (kind = 'ALLOCATE' OR amount > 0)),
    application_id bigint        REFERENCES application (id),
    payout_id      bigint        REFERENCES payout (id),
    created_at     timestamptz   NOT NULL,
    created_by     varchar(200)  NOT NULL,
    FOREIGN KEY (project_code, year) REFERENCES budget (project_code, year)
);
CREATE INDEX ledger_entry_budget_idx ON ledger_entry (project_code, year);

CREATE FUNCTION ledger_entry_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are immutable';
END $$;
CREATE TRIGGER ledger_entry_no_change BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_immutable();

-- Idempotency-Key records: bound to the caller and to the request's hash, kept at least 24 hours.
CREATE TABLE idempotency_record (
    subject         varchar(200)  NOT NULL,
    idem_key        varchar(200)  NOT NULL,
    request_hash    char(64)      NOT NULL,
    state           varchar(16)   NOT NULL CHECK (state IN ('IN_PROGRESS', 'DONE')),
    response_status integer,
    response_body   text,
    location        varchar(1000),
    created_at      timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (subject, idem_key)
);
CREATE INDEX idempotency_record_created_idx ON idempotency_record (created_at);

-- The payout feed read by reporting (docs/contracts.md).
CREATE TABLE payout_feed (
    seq        bigserial   PRIMARY KEY,
    entry_id   bigint      NOT NULL UNIQUE,
    payload    jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
