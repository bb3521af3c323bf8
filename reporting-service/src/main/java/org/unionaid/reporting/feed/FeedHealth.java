package org.unionaid.reporting.feed;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness shows where each feed was read to and {@code asOf}. It stays UP while a source is
 * down: reports are still served, complete to the older {@code asOf} they state. {@code role} says
 * whether this replica applies the feeds ({@code applier}) or serves reads only ({@code standby}).
 */
@Readiness
@ApplicationScoped
public class FeedHealth implements HealthCheck {

    private final FeedPositions positions;
    private final ApplierLease lease;

    FeedHealth(FeedPositions positions, ApplierLease lease) {
        this.positions = positions;
        this.lease = lease;
    }

    @Override
    public HealthCheckResponse call() {
        FeedPositions.Snapshot snap = positions.snapshot();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("feeds").up();
        snap.positions().forEach(response::withData);
        response.withData("asOf", String.valueOf(snap.asOf()));
        response.withData("role", lease.applier() ? "applier" : "standby");
        return response.build();
    }
}
