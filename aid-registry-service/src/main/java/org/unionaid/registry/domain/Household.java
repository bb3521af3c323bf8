package org.unionaid.registry.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * The sensitive part of a file, stored as one sealed JSON value ({@code hardship_file.household_enc}). Its
 * field names are what is on disk: an API rename never changes them.
 */
public record Household(List<HouseholdMember> members, BigDecimal yearlyIncome, BigDecimal rigidCosts,
                        AccidentRecord accident, BigDecimal perCapitaMonthlyIncome) {

    public int size() {
        return 1 + members.size();
    }
}
