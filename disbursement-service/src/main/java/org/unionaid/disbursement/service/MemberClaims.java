package org.unionaid.disbursement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.disbursement.domain.Application;
import org.unionaid.disbursement.domain.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Medical mutual-aid claims by enrolment (beneficiary MEMBER): the member needs no hardship file; the claim is checked
 * at decision time against the plan of the enrolment's year. Refusals are 422 with the rule named: WAITING_PERIOD (the
 * admission within waitingDays of the enrolment), SHARE_OF_COST (more than share x outOfPocket), PER_CLAIM_CAP,
 * YEARLY_CAP (the member's claims committed in the year - awaiting a second approval, approved, paying, paid - plus this
 * one above yearlyCapPerMember). The decision holds the beneficiary's advisory lock (Rules.lockBeneficiary, one per
 * enrolment: one enrolment per member and year), so two concurrent decisions never both fit under the yearly cap.
 */
@ApplicationScoped
public class MemberClaims {

    /** An enrolment as a claim needs it. */
    public record Enrolment(long id, long memberId, long enterpriseId, int year, Instant enrolledAt) {
    }

    private final EntityManager em;
    private final MutualAidPlans plans;

    MemberClaims(EntityManager em, MutualAidPlans plans) {
        this.em = em;
        this.plans = plans;
    }

    public Optional<Enrolment> enrolment(long id) {
        List<?> rows = em.createNativeQuery("SELECT id, member_id, enterprise_id, year, enrolled_at FROM mutual_aid_enrolment WHERE id = :id")
                .setParameter("id", id).getResultList();
        return rows.stream().map(r -> (Object[]) r).findFirst().map(r -> new Enrolment(((Number) r[0]).longValue(),
                ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).intValue(), BankFiles.instant(r[4])));
    }

    /** The admission date of a claim's details, if it is one (yyyy-mm-dd). */
    static Optional<LocalDate> admissionDate(Object value) {
        try {
            return value == null ? Optional.empty() : Optional.of(LocalDate.parse(value.toString().trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The plan's rules for an approval of {@code amount}; the caller holds the beneficiary's lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void check(Application a, BigDecimal amount) {
        MutualAidPlans.PlanView plan = plans.current(a.year)
                .orElseThrow(() -> ProblemException.unprocessable("no-mutual-aid-plan", a.year));
        Enrolment enrolment = enrolment(a.enrolmentId).orElseThrow();
        LocalDate enrolled = enrolment.enrolledAt().atZone(ApplicationService.CHINA).toLocalDate();
        LocalDate admitted = admissionDate(a.details.get("admissionDate"))
                .orElseThrow(() -> RuleRefusal.notEligible("WAITING_PERIOD"));
        if (admitted.isBefore(enrolled.plusDays(plan.waitingDays()))) {
            throw RuleRefusal.notEligible("WAITING_PERIOD");
        }
        BigDecimal outOfPocket = ApplicationDetails.amountIn(a.details, "outOfPocket")
                .orElseThrow(() -> RuleRefusal.notEligible("SHARE_OF_COST"));
        BigDecimal share = Money.floor(outOfPocket.multiply(plan.share()).setScale(4, RoundingMode.DOWN));
        if (amount.compareTo(share) > 0) {
            throw RuleRefusal.capExceeded("SHARE_OF_COST", share);
        }
        if (amount.compareTo(plan.perClaimCap()) > 0) {
            throw RuleRefusal.capExceeded("PER_CLAIM_CAP", plan.perClaimCap());
        }
        BigDecimal used = (BigDecimal) em.createNativeQuery("""
                        SELECT coalesce(sum(amount), 0) FROM application
                         WHERE enrolment_id = :e AND id <> :id AND status IN ('AWAITING_SECOND_APPROVAL', 'APPROVED', 'PAYING', 'PAID')""")
                .setParameter("e", a.enrolmentId).setParameter("id", a.id).getSingleResult();
        if (used.add(amount).compareTo(plan.yearlyCapPerMember()) > 0) {
            throw RuleRefusal.capExceeded("YEARLY_CAP", plan.yearlyCapPerMember().subtract(used).max(Money.ZERO));
        }
    }
}
