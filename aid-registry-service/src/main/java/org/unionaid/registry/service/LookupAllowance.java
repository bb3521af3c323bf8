package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.common.security.Roles;
import org.unionaid.registry.config.RegistryConfig;

import java.util.List;
import java.util.Map;

/**
 * How many ID-number probes a person may make in an hour. A probe is an answer that tells whether an ID number
 * has a file: a lookup, a new entry refused as a duplicate, an imported item refused as one. The masked number and
 * the birth year leave thousands of candidates; this keeps a clerk (or a stolen clerk's token) from trying them.
 * Reviewers are not counted: they see every full number anyway.
 *
 * <p>The count is one row per person, for the hour since his first probe, raised by a conditional upsert: concurrent
 * probes of one person never pass the allowance together.
 */
@ApplicationScoped
public class LookupAllowance {

    private final EntityManager em;
    private final Caller caller;
    private final int perHour;

    LookupAllowance(EntityManager em, Caller caller, RegistryConfig config) {
        this.em = em;
        this.caller = caller;
        this.perHour = config.files().lookupsPerHour();
    }

    /**
     * Spends {@code probes} of the caller's allowance, in the caller's transaction if there is one (a refused
     * duplicate entry calls it after its own transaction rolled back). Over the allowance: 429 with Retry-After,
     * and the answer the probe would have given is not given.
     */
    @Transactional
    public void spend(int probes) {
        if (probes <= 0 || caller.is(Roles.REVIEWER)) {
            return;
        }
        String subject = caller.subject();
        // The hour runs from the person's first probe after the last hour ended (by the database's clock).
        List<?> granted = probes > perHour ? List.of() : em.createNativeQuery("""
                INSERT INTO lookup_allowance AS a (subject, window_start, used) VALUES (?1, now(), ?2)
                ON CONFLICT (subject) DO UPDATE
                    SET used = CASE WHEN a.window_start > now() - interval '1 hour' THEN a.used + EXCLUDED.used
                                    ELSE EXCLUDED.used END,
                        window_start = CASE WHEN a.window_start > now() - interval '1 hour' THEN a.window_start
                                            ELSE now() END
                    WHERE a.window_start <= now() - interval '1 hour' OR a.used + EXCLUDED.used <= ?3
                RETURNING a.used""")
                .setParameter(1, subject).setParameter(2, probes).setParameter(3, perHour).getResultList();
        if (granted.isEmpty()) {
            Number wait = (Number) em.createNativeQuery("""
                    SELECT coalesce(ceil(extract(epoch FROM max(window_start) + interval '1 hour' - now())), 3600)
                      FROM lookup_allowance WHERE subject = ?1""").setParameter(1, subject).getSingleResult();
            throw new ProblemException(429, "lookup-allowance-spent", List.of(),
                    Map.of("Retry-After", String.valueOf(Math.max(1, wait.longValue()))), perHour);
        }
    }
}
