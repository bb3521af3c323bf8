-- Once-per keys as the service now writes them (ApplicationService.onceKey): a student's member id without
-- leading zeros ("student:01:2024-2025" is member 1), a campaign name NFKC-normalised, trimmed, its inner
-- whitespace collapsed to one space and in lower case. The unique index application_once_idx stands on these
-- normalised keys. Rows committed before under two spellings of one key keep it once: the one already
-- normalised (else the first) keeps the key, the others get "#<id>" appended (they were paid; nothing is lost).
CREATE TEMPORARY TABLE once_norm ON COMMIT DROP AS
SELECT id, project_code, worker_id, once_key,
       status IN ('AWAITING_SECOND_APPROVAL', 'APPROVED', 'PAID') AS committed,
       CASE
           WHEN once_key LIKE 'student:%' THEN regexp_replace(once_key, '^student:0+([0-9])', 'student:\1')
           WHEN once_key LIKE 'campaign:%' THEN 'campaign:'
               || lower(btrim(regexp_replace(normalize(substr(once_key, 10), NFKC), '[[:space:]]+', ' ', 'g')))
           ELSE once_key
       END AS k
  FROM application WHERE once_key IS NOT NULL;

UPDATE application a
   SET once_key = n.k || CASE WHEN n.committed AND n.rn > 1 THEN '#' || a.id ELSE '' END
  FROM (SELECT id, k, committed, row_number() OVER (PARTITION BY project_code, worker_id, k, committed
                                                    ORDER BY (once_key = k) DESC, id) AS rn
          FROM once_norm) n
 WHERE a.id = n.id
   AND a.once_key IS DISTINCT FROM n.k || CASE WHEN n.committed AND n.rn > 1 THEN '#' || a.id ELSE '' END;
