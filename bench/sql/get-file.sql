-- What the registry sends for GET /api/v1/workers/{id} since issue 12 (written from the code, not yet
-- captured again with bench/capture-sql.sh): the read and its access-log row in one transaction.
-- pgbench prepends: \set id random(MIN, MAX)
BEGIN;
select hf1_0.id,hf1_0.activated_at,hf1_0.birth_year,hf1_0.category,hf1_0.closed_at,hf1_0.created_at,hf1_0.created_by,hf1_0.enterprise_id,hf1_0.exit_reason,hf1_0.household_enc,hf1_0.household_size,hf1_0.id_number_enc,hf1_0.id_number_hash,hf1_0.id_number_masked,hf1_0.labour_relation_since,hf1_0.last_reviewed_at,hf1_0.main_cause,hf1_0.migrant_worker,hf1_0.name,hf1_0.next_review_due,hf1_0.other_causes,hf1_0.phone_enc,hf1_0.sex,hf1_0.station_code,hf1_0.station_path,hf1_0.status,hf1_0.status_reason_enc,hf1_0.updated_at,hf1_0.version from hardship_file hf1_0 where hf1_0.id=:id;
INSERT INTO file_access (file_id, actor, purpose, full_id_number) VALUES (:id, 'bench', 'VIEW', false);
COMMIT;
