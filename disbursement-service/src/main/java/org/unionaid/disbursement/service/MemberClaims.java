package org.unionaid.disbursement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.disbursement.domain.Application;
import org.unionaid.disbursement.domain.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Medical mutual-aid claims by enrolment (beneficiary MEMBER): the member needs no hardship file; the claim is checked
 * at decision time against the plan of the enrolment's year. Refusals are 422 with the rule named: WAITING_PERIOD (the
 * admission within waitingDays of the start of cover: 1 Jan of the enrolment's year or the enrolment's day if later), SHARE_OF_COST (more than share x outOfPocket), PER_CLAIM_CAP,
 * YEARLY_CAP (the member's claims committed in the year - awaiting a second approval, approved, paying, paid - plus this
 * one above yearlyCapPerMember). The decision holds the beneficiary's advisory lock (Rules.lockBeneficiary, one per
 * enrolment: one enrolment per member and year), so two concurrent decisions never both fit under the yearly cap.
 */
@ApplicationScoped
public class MemberClaims {

    /** An enrolment as a claim needs it. */
    public record Enrolment(long id, long memberId, long enterpriseId, int year, Instant enrolledAt) {
    }

    /** Rules of separation of duties for a member's claim (403 member-separation-of-duties naming the rule). */
    public static final String ENROLLER_CANNOT_APPROVE = "ENROLLER_CANNOT_APPROVE";
    public static final String ACCOUNT_SETTER_CANNOT_APPROVE = "ACCOUNT_SETTER_CANNOT_APPROVE";
    public static final String ACCOUNT_SETTER_CANNOT_EXPORT = "ACCOUNT_SETTER_CANNOT_EXPORT";

    private final EntityManager em;
    private final MutualAidPlans plans;
    private final MutualAidToday today;

    MemberClaims(EntityManager em, MutualAidPlans plans, MutualAidToday today) {
        this.em = em;
        this.plans = plans;
        this.today = today;
    }

    /**
     * Separation of duties for the approval of a member's claim: whoever enrolled the member for the claim's year or
     * set the member's bank account (the account the claim is paid to) does not approve it.
     */
    public void checkApprover(Application a, String me) {
        List<?> rows = em.createNativeQuery("""
                        SELECT e.enrolled_by, m.bank_account_set_by FROM mutual_aid_enrolment e
                          JOIN mutual_aid_member m ON m.id = e.member_id WHERE e.id = :id""")
                .setParameter("id", a.enrolmentId).getResultList();
        Object[] row = (Object[]) rows.get(0);
        if (me.equals(row[0])) {
            throw RuleRefusal.memberSeparationOfDuties(ENROLLER_CANNOT_APPROVE);
        }
        if (me.equals(row[1])) {
            throw RuleRefusal.memberSeparationOfDuties(ACCOUNT_SETTER_CANNOT_APPROVE);
        }
    }

    /**
     * The admission of a claim on an enrolment of year Y lies in Y and not after today: 1 Jan Y <= admission <=
     * min(31 Dec Y, today); 422 admission-outside-year naming details.admissionDate otherwise.
     */
    public void checkAdmission(Object value, int year) {
        LocalDate admitted = admissionDate(value).orElse(null);
        LocalDate last = LocalDate.of(year, 12, 31);
        LocalDate now = today.date();
        if (now.isBefore(last)) {
            last = now;
        }
        if (admitted == null || admitted.isBefore(LocalDate.of(year, 1, 1)) || admitted.isAfter(last)) {
            throw new ProblemException(422, "admission-outside-year", List.of(Violation.keyed("details.admissionDate",
                    "admission-within", year + "-01-01", last.toString())), Map.of(), String.valueOf(year), last.toString());
        }
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
        checkAdmission(a.details.get("admissionDate"), enrolment.year());
        // Cover starts on 1 Jan of the enrolment's year, or on the day of the enrolment if that is later.
        LocalDate enrolled = enrolment.enrolledAt().atZone(ApplicationService.CHINA).toLocalDate();
        LocalDate start = LocalDate.of(enrolment.year(), 1, 1);
        if (enrolled.isAfter(start)) {
            start = enrolled;
        }
        LocalDate admitted = admissionDate(a.details.get("admissionDate")).orElseThrow();
        if (admitted.isBefore(start.plusDays(plan.waitingDays()))) {
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
