package org.unionaid.disbursement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.disbursement.domain.Money;
import org.unionaid.disbursement.domain.Project;
import org.unionaid.disbursement.rest.Dtos.ProjectRules;
import org.unionaid.disbursement.rest.Dtos.ProjectView;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ProjectService {

    private final ProjectHistory history;

    ProjectService(ProjectHistory history) {
        this.history = history;
    }

    public List<ProjectView> list() {
        return Project.<Project>listAll(io.quarkus.panache.common.Sort.by("code")).stream().map(ProjectView::of).toList();
    }

    public Optional<ProjectView> find(String code) {
        return Project.<Project>findByIdOptional(code).map(ProjectView::of);
    }

    /**
     * Replaces every rule of the project; what the body leaves null has no limit. The project's row is locked, and
     * the rules that change are appended to its history; rules equal to the stored ones write nothing.
     */
    @Transactional
    public ProjectView updateRules(String code, ProjectRules rules, String by) {
        Project p = Project.findById(code, LockModeType.PESSIMISTIC_WRITE);
        if (p == null) {
            throw ProblemException.notFound("Project", code);
        }
        if (rules.shareBasis() == null && (rules.sharePercentDeep() != null || rules.sharePercentOther() != null)) {
            throw ProblemException.invalid(Violation.keyed("shareBasis", "share-basis-required"));
        }
        var before = history.rules(p);
        if (rules.beneficiary() != null) {
            p.beneficiary = rules.beneficiary();
        }
        p.payoutCap = Money.of(rules.payoutCap());
        p.payoutCapMonthsDeep = scale(rules.payoutCapMonthsDeep());
        p.payoutCapMonthsOther = scale(rules.payoutCapMonthsOther());
        p.universityAmount = Money.of(rules.universityAmount());
        p.highSchoolAmount = Money.of(rules.highSchoolAmount());
        p.yearlyCap = Money.of(rules.yearlyCap());
        p.yearlyCapMonthsDeep = scale(rules.yearlyCapMonthsDeep());
        p.yearlyCapMonthsOther = scale(rules.yearlyCapMonthsOther());
        p.shareBasis = rules.shareBasis();
        p.sharePercentDeep = scale(rules.sharePercentDeep());
        p.sharePercentOther = scale(rules.sharePercentOther());
        p.lifetimeCap = Money.of(rules.lifetimeCap());
        p.secondApprovalAbove = Money.of(rules.secondApprovalAbove());
        p.oncePer = rules.oncePer();
        p.countsAsAidItem = rules.countsAsAidItem();
        p.acceptsTemporaryFile = rules.acceptsTemporaryFile();
        p.migrantOnly = rules.migrantOnly();
        p.evidence = rules.evidence() == null ? "" : String.join(",", rules.evidence());
        if (history.append(code, before, history.rules(p), by)) {
            p.updatedAt = Instant.now();
            p.updatedBy = by;
        }
        return ProjectView.of(p);
    }

    private static BigDecimal scale(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.UNNECESSARY);
    }
}
