package org.unionaid.registry.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** The city's minimum living standard (低保) of a year, per person and month. */
@Entity
@Table(name = "minimum_living_standard")
public class MinimumLivingStandard extends PanacheEntityBase {

    @Id
    public Integer year;

    @Column(name = "monthly_amount")
    public BigDecimal monthlyAmount;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    /** The standard in force in a year: that year's, or the latest before it. */
    public static Optional<MinimumLivingStandard> inForce(int year) {
        return find("year <= ?1 order by year desc", year).firstResultOptional();
    }
}
