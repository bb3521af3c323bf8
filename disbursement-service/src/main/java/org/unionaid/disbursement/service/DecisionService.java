package org.unionaid.disbursement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.security.Caller;
import org.unionaid.disbursement.client.Registry;
import org.unionaid.disbursement.client.RegistryDtos.WorkerFile;
import org.unionaid.disbursement.domain.Application;
import org.unionaid.disbursement.domain.ApplicationStatus;
import org.unionaid.disbursement.domain.Money;
import org.unionaid.disbursement.domain.Project;
import org.unionaid.disbursement.rest.Dtos.ApplicationView;
import org.unionaid.disbursement.rest.Dtos.Decision;

import java.math.BigDecimal;
import java.time.Instant;


/**
 * Decisions (审核) by reviewers, never by the submitter. An approval checks, at decision time and
 * with the registry's current answer, the file's status, the caps, the RELATIVE one-item-a-year
 * rule, the DEEP re-test, once-per rules and the budget; then it reserves the money. Above the
 * project's threshold the first approval reserves the money and waits for a second reviewer.
 */
@ApplicationScoped
public class DecisionService {

    /** What the registry says at decision time, read before the transaction opens. */
    public record Facts(WorkerFile file, BigDecimal monthlyStandard) {
    }

    private final Registry registry;
    private final Budgets budgets;
    private final Rules rules;
    private final Caller caller;
    private final EntityManager em;
    private final StationScope scope;
    private final MemberClaims memberClaims;

    DecisionService(Registry registry, Budgets budgets, Rules rules, Caller caller, EntityManager em, StationScope scope,
                    MemberClaims memberClaims) {
        this.memberClaims = memberClaims;
        this.registry = registry;
        this.budgets = budgets;
        this.rules = rules;
        this.caller = caller;
        this.em = em;
        this.scope = scope;
    }

    /** Reads the file and the year's 低保 from the registry; 503 when it cannot answer. */
    public Facts prepare(long id, Decision decision) {
        Application a = Application.<Application>findByIdOptional(id).filter(x -> scope.sees(x.stationPath))
                .orElseThrow(() -> ProblemException.notFound("Application", id));
        checkDecider(a);
        if (!decision.approve() || !ApplicationService.isHousehold(a)) {
            return new Facts(null, null);
        }
        WorkerFile file = registry.worker(a.workerId).orElse(null);
        BigDecimal standard = null;
        Project project = ApplicationService.project(a.projectCode);
        if (file != null && a.status == ApplicationStatus.SUBMITTED
                && (project.needsMinimumLivingStandard() || "DEEP".equals(file.category()))) {
            standard = registry.minimumLivingStandard(a.year).map(m -> m.monthlyAmount()).orElse(null);
        }
        return new Facts(file, standard);
    }

    @Transactional
    public ApplicationView decide(long id, Decision decision, Facts facts) {
        Application a = em.find(Application.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw ProblemException.notFound("Application", id);
        }
        checkDecider(a);
        String me = caller.subject();
        if (!decision.approve()) {
            if (decision.reason() == null || decision.reason().isBlank()) {
                throw ProblemException.invalid(Violation.keyed("reason", "rejection-reason"));
            }
            if (a.status == ApplicationStatus.AWAITING_SECOND_APPROVAL) {
                budgets.release(a.projectCode, a.year, a.amount, a.id, me);
            }
            a.status = ApplicationStatus.REJECTED;
            a.decidedBy = me;
            a.decidedAt = Instant.now();
            a.reason = decision.reason();
            return ApplicationView.of(a);
        }
        if (a.enrolmentId != null) {
            memberClaims.checkApprover(a, me);
        }
        Project project = ApplicationService.project(a.projectCode);
        boolean household = ApplicationService.isHousehold(a);
        if (household) {
            rules.checkFile(project, facts.file());
        }
        if (a.status == ApplicationStatus.AWAITING_SECOND_APPROVAL) {
            if (household) {
                copyFacts(a, facts.file());
            }
            if (decision.amount() != null && Money.of(decision.amount()).compareTo(a.amount) != 0) {
                throw ProblemException.unprocessable("second-approval-amount", a.amount.toPlainString());
            }
            a.status = ApplicationStatus.APPROVED;
            a.decidedBy = me;
            a.decidedAt = Instant.now();
            a.reason = decision.reason();
            return ApplicationView.of(a);
        }
        if (decision.amount() == null) {
            throw ProblemException.invalid(Violation.keyed("amount", "approval-amount"));
        }
        BigDecimal amount = Money.of(decision.amount());
        rules.lockBeneficiary(a, facts.file());
        rules.checkCaps(project, a, amount, facts.file(), facts.monthlyStandard());
        // The row's whole new state is set only now, after the checks (which read none of it and
        // exclude this row), and before the budget's UPDATE: Hibernate flushes the application
        // before that native statement, so the row goes out in one UPDATE instead of one here and
        // another at commit. Set before the checks, it would meet the database's once-per index
        // ahead of the rule that explains the refusal.
        if (household) {
            copyFacts(a, facts.file());
        }
        Instant now = Instant.now();
        a.amount = amount;
        a.reason = decision.reason();
        if (project.secondApprovalAbove != null && amount.compareTo(project.secondApprovalAbove) > 0) {
            a.status = ApplicationStatus.AWAITING_SECOND_APPROVAL;
            a.firstApprovedBy = me;
            a.firstApprovedAt = now;
        } else {
            a.status = ApplicationStatus.APPROVED;
            a.decidedBy = me;
            a.decidedAt = now;
        }
        budgets.reserve(a.projectCode, a.year, amount, a.id, me);
        return ApplicationView.of(a);
    }

    /** Maker-checker: the submitter never decides, and a second approver is another person again. */
    private void checkDecider(Application a) {
        String me = caller.subject();
        if (me.equals(a.submittedBy)) {
            throw new ProblemException(403, "maker-checker");
        }
        if (a.status == ApplicationStatus.AWAITING_SECOND_APPROVAL && me.equals(a.firstApprovedBy)) {
            throw new ProblemException(403, "second-approver");
        }
        if (a.status != ApplicationStatus.SUBMITTED && a.status != ApplicationStatus.AWAITING_SECOND_APPROVAL) {
            throw ProblemException.conflict("illegal-state", a.status, "decided");
        }
    }

    /** The file's state at decision time is what the payout feed and station scoping carry. */
    private static void copyFacts(Application a, WorkerFile file) {
        if (file.stationCode() != null && file.stationPath() != null) {
            a.stationCode = file.stationCode();
            a.stationPath = file.stationPath();
        }
        a.category = file.category();
        a.mainCause = file.mainCause();
        a.enterpriseId = file.enterpriseId();
    }

}
