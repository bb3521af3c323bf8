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
import org.unionaid.common.problem.Violation;
import org.unionaid.common.security.Caller;
import org.unionaid.disbursement.crypto.DetailsCipher;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Idempotency-Key for the POSTs that move money (shared/spec/api.md): the key is bound to the
 * caller and to a keyed digest of the operation and body. The first request claims the key (IN_PROGRESS,
 * committed at once so concurrent retries see it, under this process's {@link KeyOwner} id); the work and
 * the stored response commit together. A retry with the same body replays the response
 * (Idempotency-Replayed: true); another body gets 422; a retry while the owner still runs gets 409 with
 * Retry-After; a retry of a key whose owner died (its owner lock is free) takes it over at once. A failed
 * request releases its key. The stored response is sealed ({@link #RESPONSE_PURPOSE}): answers carry
 * medical costs and student data.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotency-Replayed";
    /** Bound as associated data to every stored response. */
    public static final String RESPONSE_PURPOSE = "idempotency_record.response_body";
    /** The purpose of the keyed digest of a request. */
    public static final String REQUEST_PURPOSE = "idempotency_record.request_hash";
    /** Seconds a client should wait before asking again about a key still running. */
    static final String RETRY_AFTER_SECONDS = "2";
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
    private final DetailsCipher cipher;
    private final KeyOwner owner;
    private final Duration retention;

    Idempotency(EntityManager em, ObjectMapper json, Caller caller, DetailsCipher cipher, KeyOwner owner,
                @ConfigProperty(name = "union-aid.idempotency.retention", defaultValue = "PT48H") Duration retention) {
        this.em = em;
        this.json = json;
        this.caller = caller;
        this.cipher = cipher;
        this.owner = owner;
        this.retention = retention;
    }

    /**
     * Runs {@code prepare} (outside any transaction: calls to other services) and then {@code apply}
     * in one new transaction that also stores the response under the key.
     */
    public <P> Response execute(String key, String operation, Object request, Supplier<P> prepare,
                                Function<P, Outcome> apply) {
        return run(key, operation, request, () -> {
            P prepared = prepare.get();
            return QuarkusTransaction.requiringNew().call(() -> {
                Outcome done = apply.apply(prepared);
                if (key != null) {
                    complete(caller.subject(), key, done);
                }
                return done;
            });
        });
    }

    /**
     * For work that commits in several transactions of its own (a batch: one per item): {@code work} runs in
     * no transaction, so it holds one pooled connection at a time, and the response is stored after it, in a
     * short transaction. A retry after a crash in the middle does the work again (each step must be idempotent).
     */
    public Response executeInSteps(String key, String operation, Object request, Supplier<Outcome> work) {
        return run(key, operation, request, () -> {
            Outcome done = work.get();
            if (key != null) {
                QuarkusTransaction.requiringNew().run(() -> complete(caller.subject(), key, done));
            }
            return done;
        });
    }

    private Response run(String key, String operation, Object request, Supplier<Outcome> work) {
        if (key == null) {
            return toResponse(work.get());
        }
        if (key.isBlank() || key.length() > 200 || key.indexOf(0) >= 0) {
            throw ProblemException.invalid(Violation.keyed(HEADER, "idempotency-key"));
        }
        String subject = caller.subject();
        byte[] hash = requestHash(operation, request);
        Response replay = QuarkusTransaction.requiringNew().call(() -> claim(subject, key, hash));
        if (replay != null) {
            return replay;
        }
        try {
            return toResponse(work.get());
        } catch (RuntimeException | Error e) {
            QuarkusTransaction.requiringNew().run(() -> release(subject, key));
            throw e;
        }
    }

    /** Null when this request now owns the key; the stored response when it is a replay. */
    private Response claim(String subject, String key, byte[] hash) {
        int inserted = em.createNativeQuery("""
                        INSERT INTO idempotency_record (subject, idem_key, request_hash, state, owner, created_at)
                        VALUES (:s, :k, :h, 'IN_PROGRESS', :o, now()) ON CONFLICT DO NOTHING""")
                .setParameter("s", subject).setParameter("k", key).setParameter("h", hash)
                .setParameter("o", owner.id()).executeUpdate();
        if (inserted == 1) {
            return null;
        }
        List<?> rows = em.createNativeQuery("""
                        SELECT request_hash, state, response_status, response_body, location, owner
                          FROM idempotency_record WHERE subject = :s AND idem_key = :k FOR UPDATE""")
                .setParameter("s", subject).setParameter("k", key).getResultList();
        if (rows.isEmpty()) {
            // Released between our insert and our read: claim it again.
            return claim(subject, key, hash);
        }
        Object[] row = (Object[]) rows.get(0);
        if (!MessageDigest.isEqual(hash, (byte[]) row[0])) {
            throw ProblemException.unprocessable("idempotency-key-reused");
        }
        if ("IN_PROGRESS".equals(row[1])) {
            if (ownerAlive((String) row[5])) {
                throw new ProblemException(409, "request-in-progress", List.of(), Map.of("Retry-After", RETRY_AFTER_SECONDS));
            }
            // The owner's database session is gone (the process died without an answer): this request takes over.
            em.createNativeQuery("UPDATE idempotency_record SET owner = :o, created_at = now() WHERE subject = :s AND idem_key = :k")
                    .setParameter("o", owner.id()).setParameter("s", subject).setParameter("k", key).executeUpdate();
            return null;
        }
        byte[] body = cipher.open((byte[]) row[3], RESPONSE_PURPOSE);
        Response.ResponseBuilder builder = Response.status(((Number) row[2]).intValue())
                .type(MediaType.APPLICATION_JSON).entity(new String(body, StandardCharsets.UTF_8)).header(REPLAYED, "true");
        if (row[4] != null && !((String) row[4]).isEmpty()) {
            builder.location(URI.create((String) row[4]));
        }
        return builder.build();
    }

    /** An owner lives while its session holds its lock: a lock we can take (until this transaction ends) is free. */
    private boolean ownerAlive(String ownerId) {
        if (ownerId == null) {
            return false;
        }
        if (ownerId.equals(owner.id())) {
            return true;
        }
        Object free = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(:c, hashtext(:o))")
                .setParameter("c", KeyOwner.LOCK_CLASS).setParameter("o", ownerId).getSingleResult();
        return !Boolean.TRUE.equals(free);
    }

    private void complete(String subject, String key, Outcome outcome) {
        em.createNativeQuery("""
                        UPDATE idempotency_record SET state = 'DONE', response_status = :st, response_body = :b, location = :l
                         WHERE subject = :s AND idem_key = :k""")
                .setParameter("st", outcome.status())
                .setParameter("b", cipher.seal(write(outcome.body()).getBytes(StandardCharsets.UTF_8), RESPONSE_PURPOSE))
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
            builder.header("Location", outcome.location().toString());
        }
        return builder.build();
    }

    /**
     * The keyed digest stored for a request: HMAC (key derived from the details key) of the SHA-256 of the
     * operation and the canonical body. A plain hash of a body would let anyone who reads the table confirm
     * guessed amounts or medical costs.
     */
    public byte[] requestHash(String operation, Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((operation + "\n" + canonical(request)).getBytes(StandardCharsets.UTF_8));
            return cipher.digest(digest, REQUEST_PURPOSE);
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
