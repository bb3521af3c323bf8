package org.unionaid.registry.domain;

import java.time.LocalDate;

/**
 * A member of a household as the registry stores it (sealed, with the household). Its {@code id} is stable
 * for the life of the file: disbursement names a student by it.
 */
public record HouseholdMember(Integer id, Relation relation, String name, LocalDate birthDate, boolean student,
                              String school, String grade, boolean ill, boolean disabled) {
}
