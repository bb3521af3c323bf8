package org.unionaid.registry.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * A household as staff enter it, before it is assessed: members (a member given with the id it has keeps
 * it), income and rigid costs. Built from the request at the resource edge.
 */
public record HouseholdEntry(List<Member> members, BigDecimal yearlyIncome, BigDecimal rigidCosts) {

    /** A member as entered; {@code id} null for a new member. */
    public record Member(Integer id, Relation relation, String name, java.time.LocalDate birthDate, boolean student,
                         String school, String grade, boolean ill, boolean disabled) {
    }

    /** The stored household as an entry again (to assess it anew with other figures). */
    public static HouseholdEntry of(Household household) {
        return new HouseholdEntry(household.members().stream().map(m -> new Member(m.id(), m.relation(), m.name(),
                m.birthDate(), m.student(), m.school(), m.grade(), m.ill(), m.disabled())).toList(),
                household.yearlyIncome(), household.rigidCosts());
    }
}
