package org.unionaid.disbursement.service;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.security.Caller;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The medical mutual-aid plan of each year (admin): premium, waiting days after enrolment, the share of the
 * out-of-pocket cost paid, the cap per claim and per member and year. A PUT replaces the year's plan and appends it to
 * its history (mutual_aid_plan_event, appended only), as a project's rules keep theirs. The fund's money is the
 * MEDICAL_MUTUAL_AID budget of the year.
 */
@ApplicationScoped
public class MutualAidPlans {

    /** A year's plan as an admin sets it. */
    public record Plan(BigDecimal premium, int waitingDays, BigDecimal share, BigDecimal perClaimCap,
                       BigDecimal yearlyCapPerMember) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PlanView(int year, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal premium, int waitingDays,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal share,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal perClaimCap,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal yearlyCapPerMember,
                           Instant updatedAt, String updatedBy) {
    }

    /** The plan with every version it had, oldest first. */
    public record PlanWithHistory(PlanView current, List<PlanView> history) {
    }

    private static final String COLUMNS = "year, premium, waiting_days, share, per_claim_cap, yearly_cap_per_member";

    private final EntityManager em;
    private final Caller caller;

    MutualAidPlans(EntityManager em, Caller caller) {
        this.em = em;
        this.caller = caller;
    }

    @Transactional
    public PlanWithHistory put(int year, Plan plan) {
        if (plan.perClaimCap().compareTo(plan.yearlyCapPerMember()) > 0) {
            // V13's CHECK holds it too; this answers it as the caller's mistake.
            throw new ProblemException(422, "per-claim-cap-above-yearly-cap",
                    List.of(Violation.keyed("perClaimCap", "per-claim-cap")), Map.of());
        }
        Instant now = Instant.now();
        String me = caller.subject();
        em.createNativeQuery("INSERT INTO mutual_aid_plan (" + COLUMNS + ", updated_at, updated_by) VALUES (:y, :p, :w, :s, :c, :m, :at, :by)"
                        + " ON CONFLICT (year) DO UPDATE SET premium = excluded.premium, waiting_days = excluded.waiting_days,"
                        + " share = excluded.share, per_claim_cap = excluded.per_claim_cap,"
                        + " yearly_cap_per_member = excluded.yearly_cap_per_member, updated_at = excluded.updated_at,"
                        + " updated_by = excluded.updated_by")
                .setParameter("y", year).setParameter("p", plan.premium()).setParameter("w", plan.waitingDays())
                .setParameter("s", plan.share()).setParameter("c", plan.perClaimCap()).setParameter("m", plan.yearlyCapPerMember())
                .setParameter("at", now).setParameter("by", me).executeUpdate();
        em.createNativeQuery("INSERT INTO mutual_aid_plan_event (" + COLUMNS + ", at, actor)"
                        + " SELECT " + COLUMNS + ", updated_at, updated_by FROM mutual_aid_plan WHERE year = :y")
                .setParameter("y", year).executeUpdate();
        return find(year).orElseThrow();
    }

    /** The year's plan as it is now (what a decision applies). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PlanView> current(int year) {
        return views("SELECT " + COLUMNS + ", updated_at, updated_by FROM mutual_aid_plan WHERE year = :y", year).stream().findFirst();
    }

    public Optional<PlanWithHistory> find(int year) {
        return current(year).map(plan -> new PlanWithHistory(plan, views("SELECT " + COLUMNS
                + ", at, actor FROM mutual_aid_plan_event WHERE year = :y ORDER BY id", year)));
    }

    /** Every year's plan, by year. */
    public List<PlanView> all() {
        return views("SELECT " + COLUMNS + ", updated_at, updated_by FROM mutual_aid_plan WHERE year > :y ORDER BY year", 0);
    }

    private List<PlanView> views(String sql, int year) {
        List<?> rows = em.createNativeQuery(sql).setParameter("y", year).getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new PlanView(((Number) r[0]).intValue(), (BigDecimal) r[1],
                ((Number) r[2]).intValue(), (BigDecimal) r[3], (BigDecimal) r[4], (BigDecimal) r[5], BankFiles.instant(r[6]),
                (String) r[7])).toList();
    }
}
