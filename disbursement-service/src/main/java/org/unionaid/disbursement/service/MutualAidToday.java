package org.unionaid.disbursement.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;

/**
 * Today in China Standard Time, as the mutual-aid rules read it (no admission after today). A bean of its own so that
 * the tests, which charge future years (2100 on) to own their budgets, can live on a day in that year.
 */
@ApplicationScoped
public class MutualAidToday {

    public LocalDate date() {
        return LocalDate.now(ApplicationService.CHINA);
    }
}
