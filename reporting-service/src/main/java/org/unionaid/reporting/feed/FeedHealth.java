package org.unionaid.reporting.feed;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness shows where each feed was read to and {@code asOf}. It stays UP while a source is
 * down: reports are still served, complete to the older {@code asOf} they state.
 */
@Readiness
@ApplicationScoped
public class FeedHealth implements HealthCheck {

    private final FeedPositions positions;

    FeedHealth(FeedPositions positions) {
        this.positions = positions;
    }

    @Override
    public HealthCheckResponse call() {
        FeedPositions.Snapshot snap = positions.snapshot();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("feeds").up();
        snap.positions().forEach(response::withData);
        response.withData("asOf", String.valueOf(snap.asOf()));
        return response.build();
    }
}
