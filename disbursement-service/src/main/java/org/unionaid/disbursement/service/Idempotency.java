package org.unionaid.disbursement.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Idempotency-Key for the POSTs that move money (shared/spec/api.md): the key is bound to the
 * caller and to a hash of the operation and body. The first request claims the key (IN_PROGRESS,
 * committed at once so concurrent retries see it); the work and the stored response commit together.
 * A retry with the same body replays the response (Idempotency-Replayed: true); another body gets
 * 422; a retry while the first still runs gets 409. A failed request releases its key.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotency-Replayed";
    private static final Duration MINIMUM_RETENTION = Duration.ofHours(24);

    /** What a money-moving request answered, stored to be replayed. */
    public record Outcome(int status, Object body, URI location) {
        public static Outcome ok(Object body) {
            return new Outcome(200, body, null);
        }

        public static Outcome created(Object body, URI location) {
            return new Outcome(201, body, location);
        }
    }

    private final EntityManager em;
    private final ObjectMapper json;
    private final Caller caller;
    private final Duration retention;
    private final Duration staleAfter;

    Idempotency(EntityManager em, ObjectMapper json, Caller caller,
                @ConfigProperty(name = "union-aid.idempotency.retention", defaultValue = "PT48H") Duration retention,
                @ConfigProperty(name = "union-aid.idempotency.stale-after", defaultValue = "PT5M") Duration staleAfter) {
        this.em = em;
        this.json = json;
        this.caller = caller;
        this.retention = retention;
        this.staleAfter = staleAfter;
    }

    /**
     * Runs {@code prepare} (outside any transaction: calls to other services) and then {@code apply}
     * in one new transaction that also stores the response under the key.
     */
    public <P> Response execute(String key, String operation, Object request, Supplier<P> prepare,
                                Function<P, Outcome> apply) {
        if (key == null) {
            P prepared = prepare.get();
            return toResponse(QuarkusTransaction.requiringNew().call(() -> apply.apply(prepared)));
        }
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.invalid(HEADER, "must be 1 to 200 characters");
        }
        String subject = caller.subject();
        String hash = hash(operation, request);
        Response replay = QuarkusTransaction.requiringNew().call(() -> claim(subject, key, hash));
        if (replay != null) {
            return replay;
        }
        try {
            P prepared = prepare.get();
            Outcome outcome = QuarkusTransaction.requiringNew().call(() -> {
                Outcome done = apply.apply(prepared);
                complete(subject, key, done);
                return done;
            });
            return toResponse(outcome);
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> release(subject, key));
            throw e;
        }
    }

    /** Null when this request now owns the key; the stored response when it is a replay. */
    private Response claim(String subject, String key, String hash) {
        int inserted = em.createNativeQuery("""
                        INSERT INTO idempotency_record (subject, idem_key, request_hash, state, created_at)
                        VALUES (:s, :k, :h, 'IN_PROGRESS', now()) ON CONFLICT DO NOTHING""")
                .setParameter("s", subject).setParameter("k", key).setParameter("h", hash).executeUpdate();
        if (inserted == 1) {
            return null;
        }
        List<?> rows = em.createNativeQuery("""
                        SELECT request_hash, state, response_status, response_body, location, created_at
                          FROM idempotency_record WHERE subject = :s AND idem_key = :k FOR UPDATE""")
                .setParameter("s", subject).setParameter("k", key).getResultList();
        if (rows.isEmpty()) {
            // Released between our insert and our read: claim it again.
            return claim(subject, key, hash);
        }
        Object[] row = (Object[]) rows.get(0);
        if (!hash.equals(row[0])) {
            throw ProblemException.unprocessable("idempotency-key-reused");
        }
        if ("IN_PROGRESS".equals(row[1])) {
            Instant started = (Instant) row[5];
            if (started.isAfter(Instant.now().minus(staleAfter))) {
                throw ProblemException.conflict("request-in-progress");
            }
            // The first attempt died without an answer: this one takes over.
            em.createNativeQuery("UPDATE idempotency_record SET created_at = now() WHERE subject = :s AND idem_key = :k")
                    .setParameter("s", subject).setParameter("k", key).executeUpdate();
            return null;
        }
        Response.ResponseBuilder builder = Response.status(((Number) row[2]).intValue())
                .type(MediaType.APPLICATION_JSON).entity(row[3]).header(REPLAYED, "true");
        if (row[4] != null && !((String) row[4]).isEmpty()) {
            builder.location(URI.create((String) row[4]));
        }
        return builder.build();
    }

    private void complete(String subject, String key, Outcome outcome) {
        em.createNativeQuery("""
                        UPDATE idempotency_record SET state = 'DONE', response_status = :st, response_body = :b, location = :l
                         WHERE subject = :s AND idem_key = :k""")
                .setParameter("st", outcome.status()).setParameter("b", write(outcome.body()))
                .setParameter("l", outcome.location() == null ? "" : outcome.location().toString())
                .setParameter("s", subject).setParameter("k", key).executeUpdate();
    }

    private void release(String subject, String key) {
        em.createNativeQuery("DELETE FROM idempotency_record WHERE subject = :s AND idem_key = :k AND state = 'IN_PROGRESS'")
                .setParameter("s", subject).setParameter("k", key).executeUpdate();
    }

    /** Keys are kept at least 24 hours (union-aid.idempotency.retention, default 48 hours). */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int purged = purgeOlderThan(retention);
        if (purged > 0) {
            Log.infof("Purged %d idempotency records", purged);
        }
    }

    /** Forgets the keys older than {@code age}; never below 24 hours. */
    public int purgeOlderThan(Duration age) {
        Duration kept = age.compareTo(MINIMUM_RETENTION) < 0 ? MINIMUM_RETENTION : age;
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "DELETE FROM idempotency_record WHERE created_at < :before")
                .setParameter("before", Instant.now().minus(kept)).executeUpdate());
    }

    private static Response toResponse(Outcome outcome) {
        Response.ResponseBuilder builder = Response.status(outcome.status()).entity(outcome.body())
                .type(MediaType.APPLICATION_JSON);
        if (outcome.location() != null) {
            builder.location(outcome.location());
        }
        return builder.build();
    }

    private String hash(String operation, Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((operation + "\n" + canonical(request)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Map entries sorted by key: the same body hashes the same whatever order its fields came in. */
    private String canonical(Object value) {
        try {
            return json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not serialisable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not serialisable", e);
        }
    }
}
