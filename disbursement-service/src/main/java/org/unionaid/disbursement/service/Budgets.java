package org.unionaid.disbursement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.disbursement.domain.Money;
import org.unionaid.disbursement.domain.Project;
import org.unionaid.disbursement.rest.Dtos.BudgetView;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The budgets and their ledger. Every change of a budget row is one conditional UPDATE (that can
 * never take it below zero; the table's checks stand behind it) plus one immutable ledger entry in
 * the same transaction, so the row always equals the sums of its entries.
 */
@ApplicationScoped
public class Budgets {

    public enum Kind { ALLOCATE, RESERVE, RELEASE, PAY, REVERSE }

    private final EntityManager em;

    Budgets(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public BudgetView allocate(String projectCode, int year, BigDecimal amount, String by) {
        if (Project.findById(projectCode) == null) {
            throw ProblemException.notFound("Project", projectCode);
        }
        em.createNativeQuery("INSERT INTO budget (project_code, year) VALUES (:p, :y) ON CONFLICT DO NOTHING")
                .setParameter("p", projectCode).setParameter("y", year).executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery(
                        "SELECT allocated, reserved + paid FROM budget WHERE project_code = :p AND year = :y FOR UPDATE")
                .setParameter("p", projectCode).setParameter("y", year).getSingleResult();
        BigDecimal old = (BigDecimal) row[0];
        BigDecimal committed = (BigDecimal) row[1];
        BigDecimal wanted = Money.of(amount);
        if (wanted.compareTo(committed) < 0) {
            throw ProblemException.conflict("budget-below-committed", projectCode, year, committed.toPlainString());
        }
        BigDecimal delta = wanted.subtract(old);
        if (delta.signum() != 0) {
            em.createNativeQuery("UPDATE budget SET allocated = :a, updated_at = now() WHERE project_code = :p AND year = :y")
                    .setParameter("a", wanted).setParameter("p", projectCode).setParameter("y", year).executeUpdate();
            entry(projectCode, year, Kind.ALLOCATE, delta, null, null, by);
        }
        return find(projectCode, year).orElseThrow();
    }

    /** Reserves money for an approval, or refuses with 409 over-budget; never overspends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reserve(String projectCode, int year, BigDecimal amount, long applicationId, String by) {
        int updated = em.createNativeQuery("""
                        UPDATE budget SET reserved = reserved + :a, updated_at = now()
                         WHERE project_code = :p AND year = :y AND allocated - reserved - paid >= :a""")
                .setParameter("a", amount).setParameter("p", projectCode).setParameter("y", year).executeUpdate();
        if (updated != 1) {
            throw RuleRefusal.overBudget(projectCode, year);
        }
        entry(projectCode, year, Kind.RESERVE, amount, applicationId, null, by);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void release(String projectCode, int year, BigDecimal amount, long applicationId, String by) {
        move("reserved = reserved - :a", "reserved >= :a", projectCode, year, amount);
        entry(projectCode, year, Kind.RELEASE, amount, applicationId, null, by);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long pay(String projectCode, int year, BigDecimal amount, long applicationId, long payoutId, String by) {
        move("reserved = reserved - :a, paid = paid + :a", "reserved >= :a", projectCode, year, amount);
        return entry(projectCode, year, Kind.PAY, amount, applicationId, payoutId, by);
    }

    /** A reversal returns the money to available: paid goes down, nothing is reserved again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long reverse(String projectCode, int year, BigDecimal amount, long applicationId, long payoutId, String by) {
        move("paid = paid - :a", "paid >= :a", projectCode, year, amount);
        return entry(projectCode, year, Kind.REVERSE, amount, applicationId, payoutId, by);
    }

    public java.util.Optional<BudgetView> find(String projectCode, int year) {
        List<?> rows = em.createNativeQuery(
                        "SELECT project_code, year, allocated, reserved, paid FROM budget WHERE project_code = :p AND year = :y")
                .setParameter("p", projectCode).setParameter("y", year).getResultList();
        return rows.stream().findFirst().map(r -> view((Object[]) r));
    }

    public List<BudgetView> list(Integer year) {
        String sql = "SELECT project_code, year, allocated, reserved, paid FROM budget"
                + (year == null ? "" : " WHERE year = :y") + " ORDER BY year, project_code";
        var query = em.createNativeQuery(sql);
        if (year != null) {
            query.setParameter("y", year);
        }
        return ((List<?>) query.getResultList()).stream().map(r -> view((Object[]) r)).toList();
    }

    private void move(String set, String guard, String projectCode, int year, BigDecimal amount) {
        int updated = em.createNativeQuery("UPDATE budget SET " + set + ", updated_at = now()"
                        + " WHERE project_code = :p AND year = :y AND " + guard)
                .setParameter("a", amount).setParameter("p", projectCode).setParameter("y", year).executeUpdate();
        if (updated != 1) {
            // The ledger says the money is there; anything else is a bug, not the caller's error.
            throw new IllegalStateException("Budget " + projectCode + "/" + year + " does not hold the amount to move");
        }
    }

    private long entry(String projectCode, int year, Kind kind, BigDecimal amount, Long applicationId, Long payoutId,
                       String by) {
        long id = ((Number) em.createNativeQuery("SELECT nextval('ledger_entry_seq')").getSingleResult()).longValue();
        NativeQuery<?> insert = em.createNativeQuery("""
                        INSERT INTO ledger_entry (id, project_code, year, kind, amount, application_id, payout_id, created_at, created_by)
                        VALUES (:id, :p, :y, :k, :a, :app, :pay, :at, :by)""").unwrap(NativeQuery.class);
        insert.setParameter("app", applicationId, StandardBasicTypes.LONG)
                .setParameter("pay", payoutId, StandardBasicTypes.LONG)
                .setParameter("id", id).setParameter("p", projectCode).setParameter("y", year)
                .setParameter("k", kind.name()).setParameter("a", amount)
                .setParameter("at", Instant.now()).setParameter("by", by)
                .executeUpdate();
        return id;
    }

    private static BudgetView view(Object[] r) {
        BigDecimal allocated = (BigDecimal) r[2];
        BigDecimal reserved = (BigDecimal) r[3];
        BigDecimal paid = (BigDecimal) r[4];
        return new BudgetView((String) r[0], ((Number) r[1]).intValue(), allocated, reserved, paid,
                allocated.subtract(reserved).subtract(paid));
    }
}
