package org.unionaid.registry.service;

import org.unionaid.registry.domain.Category;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The category test of a household (困难类别): monthly per-capita income =
 * (yearly income - rigid costs) / 12 / household size, against the year's 低保.
 * {@code category} is null when the household is above every line.
 */
public record Assessment(BigDecimal perCapitaMonthlyIncome, Category category) {

    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

    public static Assessment of(BigDecimal yearlyIncome, BigDecimal rigidCosts, int householdSize,
                                BigDecimal monthlyMinimum, boolean accident, BigDecimal accidentCostShare) {
        BigDecimal disposable = yearlyIncome.subtract(rigidCosts).max(BigDecimal.ZERO);
        BigDecimal perCapita = disposable.divide(TWELVE.multiply(BigDecimal.valueOf(householdSize)), 2, RoundingMode.HALF_UP);
        Category category;
        if (perCapita.compareTo(monthlyMinimum) < 0) {
            category = Category.DEEP;
        } else if (perCapita.compareTo(monthlyMinimum.multiply(BigDecimal.valueOf(2))) < 0) {
            category = Category.RELATIVE;
        } else if (accident || rigidCosts.compareTo(yearlyIncome.multiply(accidentCostShare)) > 0) {
            category = Category.ACCIDENT;
        } else {
            category = null;
        }
        return new Assessment(perCapita, category);
    }

    public boolean eligible() {
        return category != null;
    }
}
