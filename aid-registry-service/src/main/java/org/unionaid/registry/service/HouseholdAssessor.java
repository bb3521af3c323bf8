package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.registry.config.RegistryConfig;
import org.unionaid.registry.domain.AccidentRecord;
import org.unionaid.registry.domain.Category;
import org.unionaid.registry.domain.Household;
import org.unionaid.registry.domain.HouseholdEntry;
import org.unionaid.registry.domain.HouseholdMember;
import org.unionaid.registry.domain.MinimumLivingStandard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A household entered, assessed against the 低保 of a year: its per-capita income and its category. */
@ApplicationScoped
public class HouseholdAssessor {

    private final RegistryConfig config;

    HouseholdAssessor(RegistryConfig config) {
        this.config = config;
    }

    /** The household of this year, refused (422 income-above-line) when it is above every line. */
    public Household assess(HouseholdEntry entry, List<HouseholdMember> previous, AccidentRecord accident) {
        return assess(entry, previous, accident, FileRules.thisYear());
    }

    public Household assess(HouseholdEntry entry, List<HouseholdMember> previous, AccidentRecord accident, int year) {
        Household household = assessAllowingAboveLine(entry, previous, accident, year);
        if (categoryOf(household, year) == null) {
            // the figure is not echoed: an error carries no personal data
            throw ProblemException.unprocessable("income-above-line");
        }
        return household;
    }

    /** The household with its per-capita income, whatever its category (a yearly review may find none). */
    public Household assessAllowingAboveLine(HouseholdEntry entry, List<HouseholdMember> previous,
                                             AccidentRecord accident, int year) {
        List<HouseholdMember> members = members(entry.members(), previous);
        BigDecimal income = entry.yearlyIncome().setScale(2, RoundingMode.UNNECESSARY);
        BigDecimal costs = entry.rigidCosts().setScale(2, RoundingMode.UNNECESSARY);
        Assessment assessment = Assessment.of(income, costs, 1 + members.size(), minimum(year), accident != null,
                config.files().accidentCostShare());
        return new Household(members, income, costs, accident, assessment.perCapitaMonthlyIncome());
    }

    /** The household's category in a year, null when it is above every line. */
    public Category categoryOf(Household household, int year) {
        return Assessment.of(household.yearlyIncome(), household.rigidCosts(), household.size(), minimum(year),
                household.accident() != null, config.files().accidentCostShare()).category();
    }

    private static BigDecimal minimum(int year) {
        return MinimumLivingStandard.inForce(year)
                .orElseThrow(() -> ProblemException.unprocessable("minimum-living-standard-missing", year))
                .monthlyAmount;
    }

    /** Members keep their ids across updates; new members get the next free id. */
    private static List<HouseholdMember> members(List<HouseholdEntry.Member> input, List<HouseholdMember> previous) {
        List<HouseholdEntry.Member> given = input == null ? List.of() : input;
        Set<Integer> known = new HashSet<>();
        int next = 1;
        if (previous != null) {
            for (HouseholdMember m : previous) {
                known.add(m.id());
                next = Math.max(next, m.id() + 1);
            }
        }
        List<HouseholdMember> members = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (HouseholdEntry.Member m : given) {
            Integer id = m.id() != null && known.contains(m.id()) && used.add(m.id()) ? m.id() : null;
            if (id == null) {
                id = next++;
                used.add(id);
            }
            members.add(new HouseholdMember(id, m.relation(), m.name().trim(), m.birthDate(), m.student(), m.school(),
                    m.grade(), m.ill(), m.disabled()));
        }
        return members;
    }
}
