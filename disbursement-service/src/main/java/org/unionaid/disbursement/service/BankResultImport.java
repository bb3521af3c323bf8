package org.unionaid.disbursement.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.disbursement.crypto.DetailsCipher;
import org.unionaid.disbursement.crypto.SealedColumns;
import org.unionaid.disbursement.feed.PayoutFeed;
import org.unionaid.disbursement.service.BankResultFile.Line;
import org.unionaid.disbursement.service.BankResultFile.Outcome;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The import of a bank's result file (POST /api/v1/bank-files/{id}/results), in one transaction with the bank
 * file's row locked (two imports of one file run one after the other). Each line is APPLIED (its SENT payout becomes
 * PAID or FAILED), ALREADY_APPLIED (the payout already has that outcome: the same file twice changes nothing) or
 * MISMATCH (no payout of this file has the reference, the amount differs, or the bank said the other outcome before:
 * a bounce after PAID is a reversal, POST /payouts/{id}/reversal). A reference of another bank file refuses the whole
 * file (422 naming the line: it is another file's result). Set-based: a few statements whatever the number of lines.
 * PAID moves the money from reserved to paid (one PAY entry per payout) and writes the feed's PAYOUT event; FAILED
 * returns the application to APPROVED with its reservation. When no payout of the file is SENT any more the file is
 * COMPLETED.
 */
@ApplicationScoped
public class BankResultImport {

    public enum LineResult { APPLIED, ALREADY_APPLIED, MISMATCH }

    /** Why a line did not apply. */
    public enum Mismatch { UNKNOWN_REFERENCE, OTHER_AMOUNT, OTHER_OUTCOME }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineView(int line, String reference, LineResult result, Long payoutId, String payoutStatus,
                           Mismatch mismatch) {
    }

    public record ImportView(long bankFileId, String fileStatus, int applied, int alreadyApplied, int mismatched,
                             List<LineView> lines) {
    }

    /** A payout of this file named by a line, as the import reads it. */
    private record Found(long payoutId, String status, BigDecimal amount, String decidedBy, String firstApprovedBy) {
    }

    private final EntityManager em;
    private final Caller caller;
    private final DetailsCipher cipher;
    private final PayoutFeed feed;

    BankResultImport(EntityManager em, Caller caller, DetailsCipher cipher, PayoutFeed feed) {
        this.em = em;
        this.caller = caller;
        this.cipher = cipher;
        this.feed = feed;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ImportView apply(long fileId, List<Line> lines) {
        List<?> file = em.createNativeQuery("SELECT id FROM bank_file WHERE id = :id FOR UPDATE")
                .setParameter("id", fileId).getResultList();
        if (file.isEmpty()) {
            throw ProblemException.notFound("Bank file", fileId);
        }
        // The statements sort and hash 10,000 rows with their feed payloads: in memory, not in temporary files.
        em.createNativeQuery("SET LOCAL work_mem = '64MB'").executeUpdate();
        BankFileExport.genericPlans(em);
        String me = caller.subject();
        Instant now = Instant.now();
        return em.unwrap(Session.class).doReturningWork(c -> {
            Map<Integer, Found> found = find(c, fileId, lines);
            List<LineView> views = new ArrayList<>(lines.size());
            List<Long> paid = new ArrayList<>();
            List<Long> failed = new ArrayList<>();
            List<byte[]> messages = new ArrayList<>();
            int applied = 0;
            int already = 0;
            for (Line line : lines) {
                Found p = found.get(line.line());
                LineResult result;
                Mismatch mismatch = null;
                String status = p == null ? null : p.status();
                if (p == null) {
                    result = LineResult.MISMATCH;
                    mismatch = Mismatch.UNKNOWN_REFERENCE;
                } else if (p.amount().compareTo(line.amount()) != 0) {
                    result = LineResult.MISMATCH;
                    mismatch = Mismatch.OTHER_AMOUNT;
                } else if ("SENT".equals(p.status())) {
                    if (me.equals(p.decidedBy()) || me.equals(p.firstApprovedBy())) {
                        throw RuleRefusal.separationOfDuties(PayoutService.APPROVER_CANNOT_PAY);
                    }
                    result = LineResult.APPLIED;
                    applied++;
                    if (line.outcome() == Outcome.SUCCESS) {
                        paid.add(p.payoutId());
                        status = "PAID";
                    } else {
                        failed.add(p.payoutId());
                        messages.add(line.message() == null ? null
                                : cipher.seal(line.message().getBytes(StandardCharsets.UTF_8), SealedColumns.FAILURE_MESSAGE));
                        status = "FAILED";
                    }
                } else if (line.outcome() == Outcome.SUCCESS ? ("PAID".equals(p.status()) || "REVERSED".equals(p.status()))
                        : "FAILED".equals(p.status())) {
                    result = LineResult.ALREADY_APPLIED;
                    already++;
                } else {
                    result = LineResult.MISMATCH;
                    mismatch = Mismatch.OTHER_OUTCOME;
                }
                views.add(new LineView(line.line(), line.reference(), result, p == null ? null : p.payoutId(), status, mismatch));
            }
            if (!paid.isEmpty()) {
                pay(c, fileId, paid, me, now);
            }
            if (!failed.isEmpty()) {
                fail(c, fileId, failed, messages, me, now);
            }
            String fileStatus = complete(c, fileId, now);
            return new ImportView(fileId, fileStatus, applied, already, lines.size() - applied - already, views);
        });
    }

    /** The payouts of this file the lines name, by line; a line naming another file's payout refuses the file. */
    private Map<Integer, Found> find(Connection c, long fileId, List<Line> lines) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT l.n, p.id, p.status, p.amount, a.decided_by, a.first_approved_by,
                       (SELECT min(o.bank_file_id) FROM payout o
                         WHERE p.id IS NULL AND o.reference = l.reference AND o.bank_file_id <> ?)
                  FROM unnest(?::int[], ?::text[]) AS l(n, reference)
                  LEFT JOIN bank_file_line f ON f.bank_file_id = ? AND f.reference = l.reference
                  LEFT JOIN payout p ON p.id = f.payout_id
                  LEFT JOIN application a ON a.id = p.application_id
                 ORDER BY l.n""")) {
            select.setLong(1, fileId);
            select.setArray(2, c.createArrayOf("int", lines.stream().map(Line::line).toArray(Integer[]::new)));
            select.setArray(3, c.createArrayOf("text", lines.stream().map(Line::reference).toArray(String[]::new)));
            select.setLong(4, fileId);
            Map<Integer, Found> found = new HashMap<>();
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    int line = r.getInt(1);
                    long other = r.getLong(7);
                    if (!r.wasNull()) {
                        throw BankResultFile.problem(422, "result-line-other-file", line, other, fileId);
                    }
                    long payout = r.getLong(2);
                    if (!r.wasNull()) {
                        found.put(line, new Found(payout, r.getString(3), r.getBigDecimal(4), r.getString(5), r.getString(6)));
                    }
                }
            }
            return found;
        }
    }

    /**
     * SENT -> PAID, their applications PAYING -> PAID, reserved -> paid on each budget row, one PAY ledger entry per
     * payout and its PAYOUT event in the feed.
     */
    private void pay(Connection c, long fileId, List<Long> ids, String me, Instant at) throws SQLException {
        Timestamp now = Timestamp.from(at);
        java.sql.Array array = c.createArrayOf("bigint", ids.toArray(Long[]::new));
        expect(ids.size(), update(c, """
                UPDATE payout SET status = 'PAID', paid_at = ?, paid_by = ?
                 WHERE id = ANY (?) AND bank_file_id = ? AND status = 'SENT'""", now, me, array, fileId), "payouts paid");
        expect(ids.size(), update(c, """
                UPDATE application SET status = 'PAID', version = version + 1
                 WHERE id IN (SELECT application_id FROM payout WHERE id = ANY (?)) AND status = 'PAYING'""", array),
                "applications paid");
        int budgets;
        try (PreparedStatement groups = c.prepareStatement(
                "SELECT count(DISTINCT (project_code, year)) FROM payout WHERE id = ANY (?)")) {
            groups.setArray(1, array);
            try (ResultSet r = groups.executeQuery()) {
                r.next();
                budgets = r.getInt(1);
            }
        }
        expect(budgets, update(c, """
                UPDATE budget b SET reserved = b.reserved - s.amount, paid = b.paid + s.amount, updated_at = now()
                  FROM (SELECT project_code, year, sum(amount) AS amount FROM payout WHERE id = ANY (?)
                         GROUP BY project_code, year) s
                 WHERE b.project_code = s.project_code AND b.year = s.year AND b.reserved >= s.amount""", array),
                "budgets moved");
        // One PAY entry per payout and its PAYOUT event, built in SQL from the entry and the application, in one statement.
        feed.lock(c);
        try (PreparedStatement entries = c.prepareStatement("""
                WITH e AS (
                    INSERT INTO ledger_entry (id, project_code, year, kind, amount, application_id, payout_id, created_at, created_by)
                    SELECT nextval('ledger_entry_seq'), project_code, year, 'PAY', amount, application_id, id, ?, ?
                      FROM payout WHERE id = ANY (?) ORDER BY id
                    RETURNING id, payout_id, application_id, amount)
                INSERT INTO payout_feed (entry_id, payload)
                SELECT e.id, """ + PayoutFeed.PAYLOAD_SQL + """
                  FROM e JOIN application a ON a.id = e.application_id
                 ORDER BY e.id""")) {
            entries.setTimestamp(1, now);
            entries.setString(2, me);
            entries.setArray(3, array);
            entries.setString(4, "PAYOUT");
            entries.setString(5, feed.json(at.atZone(ApplicationService.CHINA).toLocalDate()));
            entries.setString(6, feed.json(at));
            expect(ids.size(), entries.executeUpdate(), "ledger entries and feed events");
        }
    }

    /** SENT -> FAILED with the bank's message (sealed); the applications back to APPROVED, their money still reserved. */
    private void fail(Connection c, long fileId, List<Long> ids, List<byte[]> messages, String me, Instant at)
            throws SQLException {
        java.sql.Array array = c.createArrayOf("bigint", ids.toArray(Long[]::new));
        expect(ids.size(), update(c, """
                UPDATE payout SET status = 'FAILED', failed_at = ?, result_by = ?, failure_message = m.message
                  FROM unnest(?::bigint[], ?::bytea[]) AS m(id, message)
                 WHERE payout.id = m.id AND payout.bank_file_id = ? AND payout.status = 'SENT'""",
                Timestamp.from(at), me, array, c.createArrayOf("bytea", messages.toArray(byte[][]::new)), fileId),
                "payouts failed");
        expect(ids.size(), update(c, """
                UPDATE application SET status = 'APPROVED', version = version + 1
                 WHERE id IN (SELECT application_id FROM payout WHERE id = ANY (?)) AND status = 'PAYING'""", array),
                "applications returned");
    }

    private static String complete(Connection c, long fileId, Instant at) throws SQLException {
        update(c, """
                UPDATE bank_file SET status = 'COMPLETED', completed_at = ?
                 WHERE id = ? AND status = 'EXPORTED'
                   AND NOT EXISTS (SELECT 1 FROM bank_file_line l JOIN payout p ON p.id = l.payout_id
                                    WHERE l.bank_file_id = ? AND p.status = 'SENT')""",
                Timestamp.from(at), fileId, fileId);
        try (PreparedStatement s = c.prepareStatement("SELECT status FROM bank_file WHERE id = ?")) {
            s.setLong(1, fileId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }

    /** Under the file's lock every count is known beforehand: another is a bug, and the transaction rolls back. */
    private static void expect(int wanted, int got, String what) {
        if (wanted != got) {
            throw new IllegalStateException("Bank result import: " + got + " " + what + ", expected " + wanted);
        }
    }
}
