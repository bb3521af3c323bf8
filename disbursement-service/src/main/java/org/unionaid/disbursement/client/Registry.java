package org.unionaid.disbursement.client;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.disbursement.client.RegistryDtos.BankAccount;
import org.unionaid.disbursement.client.RegistryDtos.BankAccountLookup;
import org.unionaid.disbursement.client.RegistryDtos.BankAccounts;
import org.unionaid.disbursement.client.RegistryDtos.Enterprise;
import org.unionaid.disbursement.client.RegistryDtos.MinimumLivingStandard;
import org.unionaid.disbursement.client.RegistryDtos.Station;
import org.unionaid.disbursement.client.RegistryDtos.WorkerFile;

import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * aid-registry-service as this service sees it. A 404 is an answer (empty); anything else that
 * keeps the registry from answering — refused connection, timeout, 5xx, an open circuit — becomes
 * 503 registry-unavailable with Retry-After, so decisions fail closed and change nothing.
 * Retries live here and nowhere else: every read (each public method) has the class's timeout, retries
 * and circuit breaker (one breaker per read) and a fallback to that 503. The fallback methods are
 * private, so the class-level annotations do not wrap them too.
 */
@ApplicationScoped
@Timeout(value = 3, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 100)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
public class Registry {

    static final String RETRY_AFTER_SECONDS = "5";
    /** The registry's bound on one bulk read of bank accounts (docs/contracts.md). */
    public static final int LOOKUP_MAX = 1000;

    private final RegistryApi api;

    Registry(@RestClient RegistryApi api) {
        this.api = api;
    }

    @Fallback(fallbackMethod = "workerUnavailable")
    public Optional<WorkerFile> worker(long id) {
        return orEmptyOn404(() -> api.worker(id));
    }

    @Fallback(fallbackMethod = "stationUnavailable")
    public Optional<Station> station(String code) {
        return orEmptyOn404(() -> api.station(code));
    }

    /**
     * The accounts (full numbers) of at most {@link #LOOKUP_MAX} files in one call, by file id; a file without one
     * (or no such file) is absent. Each call has the class's timeout, retries and breaker, as every read.
     */
    @Fallback(fallbackMethod = "bankAccountsUnavailable")
    public Map<Long, BankAccount> bankAccounts(List<Long> workerIds) {
        Map<Long, BankAccount> accounts = new HashMap<>();
        BankAccounts answer = api.bankAccounts(new BankAccountLookup(workerIds));
        if (answer != null && answer.items() != null) {
            answer.items().forEach(item -> accounts.put(item.workerId(), item.account()));
        }
        return accounts;
    }

    @Fallback(fallbackMethod = "enterpriseUnavailable")
    public Optional<Enterprise> enterprise(long id) {
        return orEmptyOn404(() -> api.enterprise(id));
    }

    @Fallback(fallbackMethod = "standardUnavailable")
    public Optional<MinimumLivingStandard> minimumLivingStandard(int year) {
        return orEmptyOn404(() -> api.minimumLivingStandard(year));
    }

    private Optional<WorkerFile> workerUnavailable(long id) {
        throw unavailable();
    }

    private Optional<Station> stationUnavailable(String code) {
        throw unavailable();
    }

    private Map<Long, BankAccount> bankAccountsUnavailable(List<Long> workerIds) {
        throw unavailable();
    }

    private Optional<Enterprise> enterpriseUnavailable(long id) {
        throw unavailable();
    }

    private Optional<MinimumLivingStandard> standardUnavailable(int year) {
        throw unavailable();
    }

    private static <T> Optional<T> orEmptyOn404(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static ProblemException unavailable() {
        Log.warn("aid-registry-service did not answer; the request fails closed with 503");
        return new ProblemException(503, "registry-unavailable", List.of(),
                Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }
}
