package org.unionaid.gateway.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.unionaid.gateway.proxy.Upstream;
import org.unionaid.gateway.proxy.Upstreams;

/**
 * One check per service behind the gateway, in /q/health and /q/health/well. They are not
 * readiness checks on purpose: one service down must not take the routes of the others away.
 */
@ApplicationScoped
public class UpstreamHealth {

    private static final long TIMEOUT_MILLIS = 2_000;

    private final Upstreams upstreams;

    UpstreamHealth(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    @Produces
    @Wellness
    @ApplicationScoped
    AsyncHealthCheck registry() {
        return () -> check(upstreams.named("registry"));
    }

    @Produces
    @Wellness
    @ApplicationScoped
    AsyncHealthCheck disbursement() {
        return () -> check(upstreams.named("disbursement"));
    }

    @Produces
    @Wellness
    @ApplicationScoped
    AsyncHealthCheck reporting() {
        return () -> check(upstreams.named("reporting"));
    }

    private Uni<HealthCheckResponse> check(Upstream upstream) {
        Future<HealthCheckResponse> answer = upstreams.client()
                .request(upstream.request(HttpMethod.GET, "/q/health/ready").setTimeout(TIMEOUT_MILLIS))
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> builder(upstream)
                        .status(response.statusCode() == 200)
                        .withData("status", response.statusCode())
                        .build()))
                .recover(failure -> Future.succeededFuture(builder(upstream).down()
                        .withData("error", failure.getClass().getSimpleName() + ": " + failure.getMessage())
                        .build()));
        return Uni.createFrom().completionStage(answer.toCompletionStage());
    }

    private static HealthCheckResponseBuilder builder(Upstream upstream) {
        return HealthCheckResponse.named("upstream " + upstream.name()).withData("url", upstream.url());
    }
}
