package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.domain.MinimumLivingStandard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The 低保 of each year, set by an admin; every new amount is an entry of the year's history. */
@ApplicationScoped
public class MinimumLivingStandards {

    /** One amount a year had: who set it when, and the amount before (null for the first). */
    public record Change(Instant at, String actor, BigDecimal before, BigDecimal after) {
    }

    private final EntityManager em;

    MinimumLivingStandards(EntityManager em) {
        this.em = em;
    }

    /** Sets the year's amount; the same amount again writes nothing. Two admins at once follow each other. */
    @Transactional
    public MinimumLivingStandard set(int year, BigDecimal monthlyAmount, Caller caller) {
        BigDecimal amount = monthlyAmount.setScale(2, RoundingMode.UNNECESSARY);
        // Locks the year's row when there is one; a first setting of the year is held by the primary key.
        MinimumLivingStandard standard = em.find(MinimumLivingStandard.class, year, LockModeType.PESSIMISTIC_WRITE);
        BigDecimal before = standard == null ? null : standard.monthlyAmount;
        if (before != null && before.compareTo(amount) == 0) {
            return standard;
        }
        if (standard == null) {
            standard = new MinimumLivingStandard();
            standard.year = year;
        }
        standard.monthlyAmount = amount;
        standard.updatedAt = Instant.now();
        standard.updatedBy = caller.subject();
        standard.persist();
        em.flush();
        em.createNativeQuery("INSERT INTO minimum_living_standard_event (year, at, actor, before, after)"
                        + " VALUES (:year, :at, :actor, :before, :after)")
                .setParameter("year", year).setParameter("at", standard.updatedAt).setParameter("actor", caller.subject())
                .setParameter("before", before).setParameter("after", amount).executeUpdate();
        return standard;
    }

    /** The year's amounts, oldest first; empty when the year was never set. */
    @SuppressWarnings("unchecked")
    public Optional<List<Change>> history(int year) {
        if (MinimumLivingStandard.findByIdOptional(year).isEmpty()) {
            return Optional.empty();
        }
        List<Tuple> rows = em.createNativeQuery("SELECT at, actor, before, after FROM minimum_living_standard_event"
                + " WHERE year = :year ORDER BY id", Tuple.class).setParameter("year", year).getResultList();
        return Optional.of(rows.stream().map(r -> new Change(instant(r.get(0)), (String) r.get(1), (BigDecimal) r.get(2),
                (BigDecimal) r.get(3))).toList());
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        return value instanceof OffsetDateTime o ? o.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }
}
