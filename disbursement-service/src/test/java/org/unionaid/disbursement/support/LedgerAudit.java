package org.unionaid.disbursement.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Asserts that every budget row equals the sums of its ledger entries and is never overspent. */
@ApplicationScoped
public class LedgerAudit {

    private final EntityManager em;

    LedgerAudit(EntityManager em) {
        this.em = em;
    }

    public void assertBudgetsEqualLedger() {
        List<?> rows = em.createNativeQuery("""
                SELECT b.project_code, b.year, b.allocated, b.reserved, b.paid,
                       coalesce(sum(e.amount) FILTER (WHERE e.kind = 'ALLOCATE'), 0),
                       coalesce(sum(e.amount) FILTER (WHERE e.kind = 'RESERVE'), 0)
                         - coalesce(sum(e.amount) FILTER (WHERE e.kind IN ('RELEASE', 'PAY')), 0),
                       coalesce(sum(e.amount) FILTER (WHERE e.kind = 'PAY'), 0)
                         - coalesce(sum(e.amount) FILTER (WHERE e.kind = 'REVERSE'), 0)
                  FROM budget b LEFT JOIN ledger_entry e ON e.project_code = b.project_code AND e.year = b.year
                 GROUP BY b.project_code, b.year, b.allocated, b.reserved, b.paid""").getResultList();
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            String budget = row[0] + "/" + row[1];
            assertEquals(0, ((BigDecimal) row[2]).compareTo((BigDecimal) row[5]), "allocated of " + budget);
            assertEquals(0, ((BigDecimal) row[3]).compareTo((BigDecimal) row[6]), "reserved of " + budget);
            assertEquals(0, ((BigDecimal) row[4]).compareTo((BigDecimal) row[7]), "paid of " + budget);
            BigDecimal available = ((BigDecimal) row[2]).subtract((BigDecimal) row[3]).subtract((BigDecimal) row[4]);
            assertTrue(available.signum() >= 0, "available of " + budget);
        }
        // What is reserved is exactly what approved applications hold (a bank transfer on its way included: PAYING);
        // what is paid, what PAID payouts hold.
        List<?> held = em.createNativeQuery("""
                SELECT b.project_code, b.year, b.reserved,
                       (SELECT coalesce(sum(a.amount), 0) FROM application a WHERE a.project_code = b.project_code
                           AND a.year = b.year AND a.status IN ('AWAITING_SECOND_APPROVAL', 'APPROVED', 'PAYING')),
                       b.paid,
                       (SELECT coalesce(sum(p.amount), 0) FROM payout p WHERE p.project_code = b.project_code
                           AND p.year = b.year AND p.status = 'PAID')
                  FROM budget b""").getResultList();
        for (Object r : held) {
            Object[] row = (Object[]) r;
            String budget = row[0] + "/" + row[1];
            assertEquals(0, ((BigDecimal) row[2]).compareTo((BigDecimal) row[3]), "reserved vs approvals of " + budget);
            assertEquals(0, ((BigDecimal) row[4]).compareTo((BigDecimal) row[5]), "paid vs payouts of " + budget);
        }
        // An application is PAYING exactly while its one bank transfer is ISSUED or SENT.
        Number odd = (Number) em.createNativeQuery("""
                SELECT count(*) FROM application a
                 WHERE (a.status = 'PAYING') <> EXISTS (SELECT 1 FROM payout p WHERE p.application_id = a.id
                                                           AND p.status IN ('ISSUED', 'SENT'))""").getSingleResult();
        assertEquals(0, odd.intValue(), "applications PAYING without a payout on its way, or the other way round");
    }
}
