package org.unionaid.disbursement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.disbursement.client.RegistryDtos.Member;
import org.unionaid.disbursement.client.RegistryDtos.WorkerFile;
import org.unionaid.disbursement.domain.Application;
import org.unionaid.disbursement.domain.Beneficiary;
import org.unionaid.disbursement.domain.Money;
import org.unionaid.disbursement.domain.OncePer;
import org.unionaid.disbursement.domain.Project;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The projects' rules, checked at decision time. Sums count what is committed (reserved or paid)
 * for the same beneficiary; an advisory lock per beneficiary makes concurrent decisions for one
 * household take turns, so two approvals can never both fit under one cap.
 */
@ApplicationScoped
public class Rules {

    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final BigDecimal MONTHS_A_YEAR = new BigDecimal("12");

    private final EntityManager em;
    private final MemberClaims memberClaims;

    Rules(EntityManager em, MemberClaims memberClaims) {
        this.em = em;
        this.memberClaims = memberClaims;
    }

    /** Person-aid needs an ACTIVE file (or TEMPORARY, where the project accepts one) not proposed for exit. */
    public void checkFile(Project project, WorkerFile file) {
        if (file == null) {
            throw RuleRefusal.notEligible("FILE_NOT_FOUND");
        }
        boolean active = "ACTIVE".equals(file.status())
                || (project.acceptsTemporaryFile && "TEMPORARY".equals(file.status()));
        if (!active) {
            throw RuleRefusal.notEligible(project.acceptsTemporaryFile ? "FILE_NOT_ACTIVE_OR_TEMPORARY" : "FILE_NOT_ACTIVE");
        }
        if (project.migrantOnly && !file.migrant()) {
            throw RuleRefusal.notEligible("MIGRANT_WORKERS_ONLY");
        }
        if (file.proposedForExit()) {
            // A yearly review found the household above the line: no person-aid until a reviewer exits or keeps the file.
            throw ProblemException.unprocessable("exit-proposed");
        }
    }

    /**
     * Concurrent decisions for one beneficiary take turns; a household's decision holds the locks of every file merged
     * into it too (taken in one order), so it also waits for a decision on a merged file read before the merge.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockBeneficiary(Application a, WorkerFile file) {
        String[] keys = ApplicationService.isHousehold(a) ? HouseholdFiles.of(a, file).lockKeys()
                : new String[] {a.beneficiary + ":" + beneficiaryValue(a)};
        em.createNativeQuery("SELECT pg_advisory_xact_lock(1, hashtext(k)) FROM (SELECT k FROM unnest(:keys) AS t(k) ORDER BY k) s")
                .setParameter("keys", keys).getResultList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void checkCaps(Project p, Application a, BigDecimal amount, WorkerFile file, BigDecimal monthlyStandard) {
        if (amount.compareTo(a.requestedAmount) > 0) {
            throw RuleRefusal.capExceeded("REQUESTED_AMOUNT", a.requestedAmount);
        }
        if (a.beneficiary == Beneficiary.MEMBER) {
            // A mutual-aid claim by enrolment: the plan of the enrolment's year, not the project's household rules.
            memberClaims.check(a, amount);
            return;
        }
        if (p.payoutCap != null && amount.compareTo(p.payoutCap) > 0) {
            throw RuleRefusal.capExceeded("PAYOUT_CAP", p.payoutCap);
        }
        boolean deep = file != null && "DEEP".equals(file.category());
        BigDecimal payoutMonths = deep ? p.payoutCapMonthsDeep : p.payoutCapMonthsOther;
        if (payoutMonths != null) {
            BigDecimal limit = Money.floor(payoutMonths.multiply(standard(monthlyStandard)));
            if (amount.compareTo(limit) > 0) {
                throw RuleRefusal.capExceeded("PAYOUT_CAP_MONTHS", limit);
            }
        }
        if (p.oncePer == OncePer.STUDENT_SCHOOL_YEAR) {
            checkStudent(p, a, amount, file);
        }
        if (p.shareBasis != null) {
            BigDecimal percent = deep ? p.sharePercentDeep : p.sharePercentOther;
            BigDecimal basis = ApplicationDetails.amountIn(a.details, p.shareBasis)
                    .orElseThrow(() -> RuleRefusal.notEligible("SHARE_OF_COST"));
            if (percent != null) {
                BigDecimal limit = Money.floor(basis.multiply(percent).divide(HUNDRED, 4, RoundingMode.DOWN));
                if (amount.compareTo(limit) > 0) {
                    throw RuleRefusal.capExceeded("SHARE_OF_COST", limit);
                }
            }
        }
        // A household's earlier applications are those of its file and of the files merged into it.
        HouseholdFiles files = ApplicationService.isHousehold(a) ? HouseholdFiles.of(a, file) : null;
        // Yearly caps count the calendar year of the decisions, as the one aid item a year does.
        BigDecimal thisYear = committed(p.code, a, files, true);
        if (p.yearlyCap != null) {
            capLeft("YEARLY_CAP", p.yearlyCap, thisYear, amount);
        }
        BigDecimal months = deep ? p.yearlyCapMonthsDeep : p.yearlyCapMonthsOther;
        if (months != null) {
            capLeft("YEARLY_CAP_MONTHS", Money.floor(months.multiply(standard(monthlyStandard))), thisYear, amount);
        }
        if (p.lifetimeCap != null) {
            capLeft("LIFETIME_CAP", p.lifetimeCap, committed(p.code, a, files, false), amount);
        }
        if (p.oncePer != null && a.onceKey != null && files != null && alreadyOnce(p, a, files)) {
            throw RuleRefusal.notEligible(p.oncePer == OncePer.STUDENT_SCHOOL_YEAR
                    ? "ONCE_PER_STUDENT_SCHOOL_YEAR" : "ONCE_PER_CAMPAIGN");
        }
        if (file != null && p.countsAsAidItem) {
            checkAidItems(a, file, files, monthlyStandard);
        }
    }

    /**
     * A RELATIVE household gets one person-aid item a year. A DEEP household may get several, but
     * each earlier item of the year counts as income: re-tested with it, the household must still
     * be below 1 × 低保 per person and month. "A year" is the calendar year of the decisions (first
     * signature), whatever budget years the items are charged to. Items of files merged into this one count too.
     */
    private void checkAidItems(Application a, WorkerFile file, HouseholdFiles files, BigDecimal monthlyStandard) {
        // The calendar year (China) of the commitments, not the budget year they were charged to: charging an
        // item to another budget year never makes room for a second one.
        int thisYear = LocalDate.now(ApplicationService.CHINA).getYear();
        Object[] earlier = (Object[]) em.createNativeQuery("""
                        SELECT count(*), coalesce(sum(a.amount), 0) FROM application a JOIN project p ON p.code = a.project_code
                         WHERE a.worker_id = ANY(:w) AND a.id <> :id AND p.counts_as_aid_item
                           AND a.status IN ('AWAITING_SECOND_APPROVAL', 'APPROVED', 'PAYING', 'PAID')
                           AND coalesce(a.first_approved_at, a.decided_at) >= :from
                           AND coalesce(a.first_approved_at, a.decided_at) < :to""")
                .setParameter("w", files.ids()).setParameter("id", a.id)
                .setParameter("from", yearStart(thisYear)).setParameter("to", yearStart(thisYear + 1)).getSingleResult();
        long items = ((Number) earlier[0]).longValue();
        BigDecimal earlierAmount = (BigDecimal) earlier[1];
        if (items == 0) {
            return;
        }
        if ("RELATIVE".equals(file.category())) {
            throw RuleRefusal.notEligible("ONE_ITEM_A_YEAR");
        }
        if ("DEEP".equals(file.category())) {
            standard(monthlyStandard);
            if (file.household() == null || file.household().yearlyIncome() == null) {
                throw RuleRefusal.notEligible("DEEP_RETEST");
            }
            int size = file.household().size() != null ? file.household().size()
                    : 1 + (file.household().members() == null ? 0 : file.household().members().size());
            BigDecimal rigid = Objects.requireNonNullElse(file.household().rigidCosts(), BigDecimal.ZERO);
            BigDecimal perCapita = file.household().yearlyIncome().add(earlierAmount).subtract(rigid)
                    .divide(MONTHS_A_YEAR.multiply(BigDecimal.valueOf(Math.max(size, 1))), 2, RoundingMode.HALF_UP);
            if (perCapita.compareTo(monthlyStandard) >= 0) {
                throw RuleRefusal.notEligible("DEEP_RETEST");
            }
        }
    }

    /** Golden Autumn: the student is a member of the file, a student, paid the amount of his school level. */
    private void checkStudent(Project p, Application a, BigDecimal amount, WorkerFile file) {
        // No or no usable member id: the student cannot be found on the file.
        long memberId = ApplicationDetails.studentMemberId(a.details)
                .orElseThrow(() -> RuleRefusal.notEligible("STUDENT_NOT_ON_FILE"));
        List<Member> members = file == null || file.household() == null || file.household().members() == null
                ? List.of() : file.household().members();
        boolean onFile = members.stream().anyMatch(m -> m.id() != null && m.id() == memberId
                && Boolean.TRUE.equals(m.student()));
        if (!onFile) {
            throw RuleRefusal.notEligible("STUDENT_NOT_ON_FILE");
        }
        BigDecimal levelAmount = "UNIVERSITY".equals(a.details.get("schoolLevel")) ? p.universityAmount : p.highSchoolAmount;
        if (levelAmount != null && amount.compareTo(levelAmount) > 0) {
            throw RuleRefusal.capExceeded("STUDENT_AMOUNT", levelAmount);
        }
    }

    private static Instant yearStart(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay(ApplicationService.CHINA).toInstant();
    }

    /** The month of 低保 a rule counts in; a rule that needs it cannot pass without it. */
    private static BigDecimal standard(BigDecimal monthlyStandard) {
        if (monthlyStandard == null) {
            throw RuleRefusal.notEligible("MINIMUM_LIVING_STANDARD_NOT_SET");
        }
        return monthlyStandard;
    }

    private static void capLeft(String rule, BigDecimal cap, BigDecimal used, BigDecimal amount) {
        if (used.add(amount).compareTo(cap) > 0) {
            throw RuleRefusal.capExceeded(rule, cap.subtract(used).max(Money.ZERO));
        }
    }

    /**
     * What is committed for the beneficiary in the project: in all (lifetime) or in the calendar year (China) of
     * the decisions (first signature), whatever budget years the items are charged to, so charging an item to
     * last year's budget never makes room under a yearly cap a second time. A household's sums count the files merged
     * into its file too.
     */
    private BigDecimal committed(String project, Application a, HouseholdFiles files, boolean sameYear) {
        String sql = "SELECT coalesce(sum(amount), 0) FROM application WHERE project_code = :p AND id <> :id"
                + " AND status IN ('AWAITING_SECOND_APPROVAL', 'APPROVED', 'PAYING', 'PAID') AND " + beneficiaryColumn(a)
                + (sameYear ? " AND coalesce(first_approved_at, decided_at) >= :from"
                        + " AND coalesce(first_approved_at, decided_at) < :to" : "");
        var query = em.createNativeQuery(sql).setParameter("p", project).setParameter("id", a.id)
                .setParameter("b", ApplicationService.isHousehold(a) ? files.ids() : beneficiaryValue(a));
        if (sameYear) {
            int thisYear = LocalDate.now(ApplicationService.CHINA).getYear();
            query.setParameter("from", yearStart(thisYear)).setParameter("to", yearStart(thisYear + 1));
        }
        return (BigDecimal) query.getSingleResult();
    }

    /** The same once-per item committed on the household's file or, by its key there, on a file merged into it. */
    private boolean alreadyOnce(Project p, Application a, HouseholdFiles files) {
        HouseholdFiles.OnceKeys keys = files.onceKeys(p, a);
        Number n = (Number) em.createNativeQuery("""
                        SELECT count(*) FROM application a
                          JOIN unnest(:w, :k) AS o(worker_id, once_key) ON a.worker_id = o.worker_id AND a.once_key = o.once_key
                         WHERE a.project_code = :p AND a.id <> :id
                           AND a.status IN ('AWAITING_SECOND_APPROVAL', 'APPROVED', 'PAYING', 'PAID')""")
                .setParameter("p", p.code).setParameter("w", keys.workerIds()).setParameter("k", keys.keys())
                .setParameter("id", a.id).getSingleResult();
        return n.longValue() > 0;
    }

    private static String beneficiaryColumn(Application a) {
        return switch (a.beneficiary) {
            case HOUSEHOLD -> "worker_id = ANY(:b)";
            case ENTERPRISE -> "enterprise_id = :b";
            case STATION -> "station_code = :b";
            case MEMBER -> "enrolment_id = :b";
        };
    }

    private static Object beneficiaryValue(Application a) {
        return switch (a.beneficiary) {
            case HOUSEHOLD -> a.workerId;
            case ENTERPRISE -> a.enterpriseId;
            case STATION -> a.stationCode;
            case MEMBER -> a.enrolmentId;
        };
    }

}
