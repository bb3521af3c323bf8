package org.unionaid.disbursement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.security.Caller;
import org.unionaid.disbursement.client.Registry;
import org.unionaid.disbursement.client.RegistryDtos.Enterprise;
import org.unionaid.disbursement.client.RegistryDtos.WorkerFile;
import org.unionaid.disbursement.domain.Application;
import org.unionaid.disbursement.domain.ApplicationStatus;
import org.unionaid.disbursement.domain.Beneficiary;
import org.unionaid.disbursement.domain.Money;
import org.unionaid.disbursement.domain.Project;
import org.unionaid.disbursement.rest.Dtos.ApplicationView;
import org.unionaid.disbursement.rest.Dtos.NewApplication;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Applications (申报) by station staff, with the evidence each project needs; lists and cancellation. */
@ApplicationScoped
public class ApplicationService {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Where the beneficiary sits in the station tree, read from the registry before the transaction. */
    public record Placement(String stationCode, String stationPath, WorkerFile file, MemberClaims.Enrolment enrolment) {
        Placement(String stationCode, String stationPath, WorkerFile file) {
            this(stationCode, stationPath, file, null);
        }
    }

    private final Registry registry;
    private final StationScope scope;
    private final Caller caller;
    private final Budgets budgets;
    private final MemberClaims memberClaims;
    private final MutualAidPlans plans;
    private final int yearsBack;
    private final int yearsAhead;

    ApplicationService(Registry registry, StationScope scope, Caller caller, Budgets budgets, MemberClaims memberClaims,
                       MutualAidPlans plans,
                       @ConfigProperty(name = "union-aid.budget-year.years-back", defaultValue = "1") int yearsBack,
                       @ConfigProperty(name = "union-aid.budget-year.years-ahead", defaultValue = "0") int yearsAhead) {
        this.registry = registry;
        this.scope = scope;
        this.caller = caller;
        this.budgets = budgets;
        this.memberClaims = memberClaims;
        this.plans = plans;
        this.yearsBack = yearsBack;
        this.yearsAhead = yearsAhead;
    }

    /**
     * The budget year an application is charged to: this year in China Standard Time unless the request names
     * one within the window (union-aid.budget-year.years-back, default 1: last December's aid filed in January;
     * years-ahead, default 0). Rules counted per year (one person-aid item, the DEEP re-test) count the calendar
     * year of the decision, whatever budget year was chosen.
     */
    public int budgetYear(NewApplication request) {
        return request.year() == null ? LocalDate.now(CHINA).getYear() : budgetYear(request.year().intValue());
    }

    private int budgetYear(int year) {
        int now = LocalDate.now(CHINA).getYear();
        if (year < now - yearsBack || year > now + yearsAhead) {
            throw ProblemException.invalid(Violation.keyed("year", "budget-year", now - yearsBack, now + yearsAhead));
        }
        return year;
    }

    /** Checks the request and finds the beneficiary in the registry (outside any transaction). */
    public Placement prepare(NewApplication request) {
        Project project = project(request.projectCode());
        refuseFileClaimOfPlanYear(project, request);
        ApplicationDetails.check(project, request, budgetYear(request));
        String clerkStation = caller.station().orElse(null);
        if (request.enrolmentId() != null) {
            return memberClaim(request, clerkStation);
        }
        switch (project.beneficiary) {
            case HOUSEHOLD -> {
                WorkerFile file = registry.worker(request.workerId())
                        .filter(f -> scope.sees(f.stationPath()))
                        .orElseThrow(() -> ProblemException.notFound("Worker file", request.workerId()));
                return new Placement(file.stationCode(), file.stationPath(), file);
            }
            case STATION -> {
                String path = scope.pathOf(request.stationCode());
                if (path.equals(StationScope.NOTHING) || !scope.sees(path)) {
                    throw ProblemException.notFound("Station", request.stationCode());
                }
                return new Placement(request.stationCode(), path, null);
            }
            default -> {
                // An enterprise grant belongs to the station of the clerk who files it.
                if (clerkStation == null) {
                    throw ProblemException.invalid(Violation.keyed("projectCode", "enterprise-by-station"));
                }
                // A clerk whose station the registry does not know (or a token without a usable one) files nothing.
                String path = scope.pathOf(clerkStation);
                if (path.equals(StationScope.NOTHING)) {
                    throw new ProblemException(403, "station-unknown");
                }
                checkEnterprise(project, request.enterpriseId());
                return new Placement(clerkStation, path, null);
            }
        }
    }

    /**
     * Medical mutual aid is a programme of enrolled members from the year the city sets its plan: a claim of such a
     * year names an enrolment, never a hardship file (so one member's claims meet one yearly cap). Years without a
     * plan keep the household claims they had before the programme.
     */
    private void refuseFileClaimOfPlanYear(Project project, NewApplication request) {
        if (request.enrolmentId() == null && "MEDICAL_MUTUAL_AID".equals(project.code)) {
            int year = budgetYear(request);
            if (plans.current(year).isPresent()) {
                throw new ProblemException(422, "claim-by-enrolment",
                        List.of(Violation.keyed("enrolmentId", "claim-by-enrolment", year)), Map.of(), year);
            }
        }
    }

    /**
     * A mutual-aid claim by enrolment (no hardship file) belongs to the station of the clerk who files it, as an
     * enterprise grant does; it is charged to the budget of the enrolment's year.
     */
    private Placement memberClaim(NewApplication request, String clerkStation) {
        MemberClaims.Enrolment enrolment = memberClaims.enrolment(request.enrolmentId())
                .orElseThrow(() -> ProblemException.notFound("Enrolment", request.enrolmentId()));
        if (request.year() != null && request.year() != enrolment.year()) {
            throw ProblemException.invalid(Violation.keyed("year", "claim-year", enrolment.year()));
        }
        memberClaims.checkAdmission(request.details() == null ? null : request.details().get("admissionDate"), enrolment.year());
        if (clerkStation == null) {
            throw ProblemException.invalid(Violation.keyed("enrolmentId", "claim-by-station"));
        }
        String path = scope.pathOf(clerkStation);
        if (path.equals(StationScope.NOTHING)) {
            throw new ProblemException(403, "station-unknown");
        }
        return new Placement(clerkStation, path, null, enrolment);
    }

    @Transactional
    public ApplicationView submit(NewApplication request, Placement placement) {
        Project project = project(request.projectCode());
        Application a = new Application();
        a.projectCode = project.code;
        a.year = budgetYear(request);
        a.beneficiary = project.beneficiary;
        a.stationCode = placement.stationCode();
        a.stationPath = placement.stationPath();
        MemberClaims.Enrolment enrolment = placement.enrolment();
        if (enrolment != null) {
            a.beneficiary = Beneficiary.MEMBER;
            a.enrolmentId = enrolment.id();
            a.memberId = enrolment.memberId();
            a.enterpriseId = enrolment.enterpriseId();
            a.year = budgetYear(enrolment.year());
        }
        switch (enrolment != null ? Beneficiary.MEMBER : project.beneficiary) {
            case HOUSEHOLD -> {
                WorkerFile file = placement.file();
                a.workerId = file.id();
                a.enterpriseId = file.enterpriseId();
                a.category = file.category();
                a.mainCause = file.mainCause();
            }
            case ENTERPRISE -> a.enterpriseId = request.enterpriseId();
            default -> {
            }
        }
        a.requestedAmount = Money.of(request.requestedAmount());
        a.details = request.details() == null ? Map.of() : new LinkedHashMap<>(request.details());
        a.onceKey = ApplicationDetails.onceKey(project, a.details);
        a.status = ApplicationStatus.SUBMITTED;
        a.submittedBy = caller.subject();
        a.submittedAt = Instant.now();
        a.persist();
        return ApplicationView.of(a);
    }

    /** The application if the caller may see it (other stations' items do not exist for a clerk). */
    public Optional<ApplicationView> find(long id) {
        return Application.<Application>findByIdOptional(id).filter(a -> scope.sees(a.stationPath)).map(ApplicationView::of);
    }

    public Page<ApplicationView> list(ApplicationStatus status, String project, Long workerId, String cursor, int limit) {
        StringBuilder where = new StringBuilder("id > :after");
        Map<String, Object> params = new HashMap<>();
        params.put("after", Cursors.decodeLong(cursor));
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        if (project != null) {
            where.append(" and projectCode = :project");
            params.put("project", project);
        }
        if (workerId != null) {
            where.append(" and workerId = :worker");
            params.put("worker", workerId);
        }
        Optional<String> prefix = scope.prefix();
        if (prefix.isPresent()) {
            where.append(" and stationPath like :prefix escape '\\'");
            params.put("prefix", prefix.get().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        List<Application> rows = Application.<Application>find(where + " order by id", params).range(0, limit).list();
        return Cursors.page(rows, limit, a -> new Object[] {a.id}, ApplicationView::of);
    }

    /** Withdraws an application not yet paid; money reserved for it returns to the budget. */
    @Transactional
    public ApplicationView cancel(long id, String reason) {
        Application a = Application.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null || !scope.sees(a.stationPath)) {
            throw ProblemException.notFound("Application", id);
        }
        switch (a.status) {
            case SUBMITTED -> {
            }
            case AWAITING_SECOND_APPROVAL, APPROVED -> budgets.release(a.projectCode, a.year, a.amount, a.id, caller.subject());
            default -> throw ProblemException.conflict("illegal-state", a.status, "CANCELLED");
        }
        a.status = ApplicationStatus.CANCELLED;
        a.reason = reason;
        return ApplicationView.of(a);
    }

    /** The enterprise is in the registry, one of the key enterprises the project supports, and not closed. */
    private void checkEnterprise(Project project, long enterpriseId) {
        Enterprise enterprise = registry.enterprise(enterpriseId)
                .orElseThrow(() -> ProblemException.notFound("Enterprise", enterpriseId));
        if (!enterprise.keyEnterprise()) {
            throw ProblemException.unprocessable("not-a-key-enterprise", String.valueOf(enterpriseId), project.code);
        }
        if ("CLOSED".equals(enterprise.status())) {
            throw ProblemException.unprocessable("enterprise-closed", String.valueOf(enterpriseId));
        }
    }

    static Project project(String code) {
        Project project = Project.findById(code);
        if (project == null) {
            throw ProblemException.unprocessable("unknown-project", code);
        }
        return project;
    }

    static boolean isHousehold(Application a) {
        return a.beneficiary == Beneficiary.HOUSEHOLD;
    }
}
