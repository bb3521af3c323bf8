package org.unionaid.disbursement.service;

import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.disbursement.domain.Beneficiary;
import org.unionaid.disbursement.domain.OncePer;
import org.unionaid.disbursement.domain.Project;
import org.unionaid.disbursement.rest.Dtos.NewApplication;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What an application's details must hold for its project (evidence, share basis, student and campaign fields),
 * and the normalised once-per key the database's unique index stands on.
 */
final class ApplicationDetails {

    private static final Pattern SCHOOL_YEAR = Pattern.compile("\\d{4}-\\d{4}");
    private static final List<String> SCHOOL_LEVELS = List.of("UNIVERSITY", "HIGH_SCHOOL");

    private static final String MUTUAL_AID = "MEDICAL_MUTUAL_AID";

    private ApplicationDetails() {
    }

    /** The request fits the project: its beneficiary named, its details of the project's shape and evidence. */
    static void check(Project project, NewApplication request, int budgetYear) {
        List<Violation> violations = new ArrayList<>();
        boolean byEnrolment = request.enrolmentId() != null;
        require(!byEnrolment || MUTUAL_AID.equals(project.code),
                () -> Violation.keyed("enrolmentId", "enrolment-only-mutual-aid", MUTUAL_AID), violations);
        require(!byEnrolment || request.workerId() == null, () -> Violation.keyed("workerId", "enrolment-or-file"), violations);
        switch (byEnrolment ? Beneficiary.MEMBER : project.beneficiary) {
            case MEMBER -> {
            }
            case HOUSEHOLD -> require(request.workerId() != null, () -> Violation.keyed("workerId",
                    MUTUAL_AID.equals(project.code) ? "required-unless-enrolment" : "required-by-project", project.code), violations);
            case ENTERPRISE -> require(request.enterpriseId() != null,
                    () -> Violation.keyed("enterpriseId", "required-by-project", project.code), violations);
            case STATION -> require(request.stationCode() != null,
                    () -> Violation.keyed("stationCode", "required-by-project", project.code), violations);
        }
        Map<String, Object> details = request.details() == null ? Map.of() : request.details();
        DetailsShape.check(project, details, violations);
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "invalid-request", violations, Map.of());
        }
        for (String key : project.evidenceKeys()) {
            if (byEnrolment && key.equals("mutualAidMembership")) {
                continue;
            }
            Object value = details.get(key);
            require(value != null && !value.toString().isBlank(),
                    () -> Violation.keyed("details." + key, "evidence-required", project.code), violations);
        }
        if (byEnrolment) {
            // The waiting period is counted from the enrolment to the admission.
            require(MemberClaims.admissionDate(details.get("admissionDate")).isPresent(), () -> Violation.keyed("details.admissionDate",
                    "admission-date-required"), violations);
        }
        if (project.shareBasis != null && details.get(project.shareBasis) != null
                && amountIn(details, project.shareBasis).isEmpty()) {
            violations.add(Violation.keyed("details." + project.shareBasis, "amount"));
        }
        if (project.oncePer == OncePer.STUDENT_SCHOOL_YEAR) {
            Object member = details.get("studentMemberId");
            require(member == null || member.toString().matches("\\d{1,18}"),
                    () -> Violation.keyed("details.studentMemberId", "student-member"), violations);
            Object year = details.get("schoolYear");
            require(year == null || fitsBudgetYear(year.toString(), budgetYear),
                    () -> Violation.keyed("details.schoolYear", "school-year", budgetYear + "-" + (budgetYear + 1)), violations);
            Object level = details.get("schoolLevel");
            require(level == null || SCHOOL_LEVELS.contains(level.toString()),
                    () -> Violation.keyed("details.schoolLevel", "school-level"), violations);
        }
        if (project.oncePer == OncePer.CAMPAIGN) {
            Object campaign = details.get("campaign");
            require(campaign == null || campaign.toString().length() <= 60,
                    () -> Violation.keyed("details.campaign", "campaign-length"), violations);
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "invalid-request", violations, Map.of());
        }
    }

    /** The school year starting in year Y (Y-(Y+1)) belongs to budget year Y. */
    private static boolean fitsBudgetYear(String schoolYear, int budgetYear) {
        return SCHOOL_YEAR.matcher(schoolYear).matches() && schoolYear.equals(budgetYear + "-" + (budgetYear + 1));
    }

    private static void require(boolean ok, Supplier<Violation> violation, List<Violation> violations) {
        if (!ok) {
            violations.add(violation.get());
        }
    }

    /** A positive amount of yuan in the details, if the value is one (at most 12 integer digits, 2 decimals). */
    static Optional<BigDecimal> amountIn(Map<String, Object> details, String key) {
        Object value = details.get(key);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(DetailsShape.amount(value)).filter(amount -> amount.signum() > 0);
    }

    /**
     * The key of a once-per rule, normalised (the database's unique index stands on it, V5 normalised the rows
     * before): a student is his member id as a number ("01" is member 1) and the school year; a campaign is its
     * name NFKC-normalised (full-width letters and digits as half-width), trimmed, inner whitespace collapsed,
     * in lower case.
     */
    static String onceKey(Project project, Map<String, Object> details) {
        if (project.oncePer == OncePer.STUDENT_SCHOOL_YEAR) {
            Object member = details.get("studentMemberId");
            String id = member == null ? "null" : member.toString().trim().replaceFirst("^0+(?=\\d)", "");
            return studentKey(id, details.get("schoolYear"));
        }
        if (project.oncePer == OncePer.CAMPAIGN) {
            Object campaign = details.get("campaign");
            return "campaign:" + (campaign == null ? "null" : campaignName(campaign.toString()));
        }
        return null;
    }

    /** The once-per key of a student (his member id as a number) in a school year. */
    static String studentKey(Object memberId, Object schoolYear) {
        return "student:" + memberId + ":" + schoolYear;
    }

    /** The member id of the student an application names, if it is one (digits only: "01" is member 1). */
    static OptionalLong studentMemberId(Map<String, Object> details) {
        try {
            return OptionalLong.of(Long.parseLong(String.valueOf(details.get("studentMemberId"))));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * One campaign whatever its spelling: compatibility forms folded (NFKC: full-width letters), invisible
     * format characters dropped (zero-width space, soft hyphen, byte-order mark: \p{Cf}), any Unicode
     * white space run one space, case ignored.
     */
    static String campaignName(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).replaceAll("\\p{Cf}", "")
                .replaceAll("(?U)\\s+", " ").trim().toLowerCase(Locale.ROOT);
    }
}
