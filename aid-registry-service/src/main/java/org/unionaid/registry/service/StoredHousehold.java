package org.unionaid.registry.service;

import org.unionaid.registry.rest.WorkerDtos.Accident;
import org.unionaid.registry.rest.WorkerDtos.Member;

import java.math.BigDecimal;
import java.util.List;

/** The sensitive part of a file, stored as one encrypted JSON value. */
public record StoredHousehold(List<Member> members, BigDecimal yearlyIncome, BigDecimal rigidCosts,
                              Accident accident, BigDecimal perCapitaMonthlyIncome) {

    public int size() {
        return 1 + members.size();
    }
}
