package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.registry.domain.AccidentRecord;
import org.unionaid.registry.domain.Cause;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.Household;
import org.unionaid.registry.domain.HouseholdEntry;
import org.unionaid.registry.domain.ProposedChanges;
import org.unionaid.registry.domain.Station;

import java.util.List;

/**
 * The fields of an ACTIVE file that only a change request changes (household, accident, causes, station): what
 * a proposal would change, with old and new values, and its application with the category computed again.
 */
@ApplicationScoped
public class AssessedFields {

    private final FileRules rules;
    private final HouseholdAssessor assessor;
    private final HouseholdSeal households;

    AssessedFields(FileRules rules, HouseholdAssessor assessor, HouseholdSeal households) {
        this.rules = rules;
        this.assessor = assessor;
        this.households = households;
    }

    /** A proposal measured against the file: the household it would have, its station, and what differs. */
    public record Outcome(ProposedChanges effective, Household household, Station station, FieldChanges changes) {
    }

    /**
     * What the proposal changes on the file as it is now; fields equal to the file's are left out. The new
     * household is assessed (422 income-above-line), a new station must exist and be in the caller's scope.
     */
    public Outcome measure(HardshipFile file, ProposedChanges p, StationScope scope) {
        Household current = households.open(file);
        FieldChanges changes = new FieldChanges();
        Household next = current;
        if (p.household() != null || p.accident() != null) {
            HouseholdEntry entry = p.household() != null ? p.household() : HouseholdEntry.of(current);
            AccidentRecord accident = p.accident() != null ? p.accident() : current.accident();
            next = assessor.assess(entry, current.members(), accident);
        }
        HouseholdEntry household = null;
        if (changes.put("household", FileViews.householdValue(current), FileViews.householdValue(next))) {
            household = HouseholdEntry.of(next);
        }
        AccidentRecord accident = changes.put("accident", current.accident(), next.accident()) ? next.accident() : null;
        Cause mainCause = p.mainCause() != null && changes.put("mainCause", file.mainCause, p.mainCause())
                ? p.mainCause() : null;
        List<Cause> otherCauses = null;
        if (p.otherCauses() != null) {
            List<Cause> normalised = p.otherCauses().stream().distinct().toList();
            if (changes.put("otherCauses", file.otherCauseList(), normalised)) {
                otherCauses = normalised;
            }
        }
        Station station = null;
        if (p.stationCode() != null && !p.stationCode().equals(file.stationCode)) {
            station = rules.stationInScope(p.stationCode(), scope);
            changes.put("stationCode", file.stationCode, station.code);
        }
        ProposedChanges effective = new ProposedChanges(household, accident, mainCause, otherCauses,
                station == null ? null : station.code);
        return new Outcome(effective, household == null && accident == null ? null : next, station, changes);
    }

    /** Applies what {@link #measure} found: the household sealed (its category computed again), causes, station. */
    public void apply(HardshipFile file, Outcome outcome) {
        ProposedChanges e = outcome.effective();
        if (outcome.household() != null) {
            households.store(file, outcome.household());
        }
        if (e.mainCause() != null) {
            file.mainCause = e.mainCause();
        }
        if (e.otherCauses() != null) {
            file.otherCauseList(e.otherCauses());
        }
        if (outcome.station() != null) {
            file.stationCode = outcome.station().code;
            file.stationPath = outcome.station().path;
        }
    }

    /** No proposal (a change request that changes nothing) is a 400 naming {@code changes}. */
    public static void requireSomeChange(Outcome outcome) {
        if (outcome.changes().isEmpty()) {
            throw ProblemException.invalid(Violation.keyed("changes", "changes-nothing"));
        }
    }
}
