package org.unionaid.reporting.stub;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Starts the registry and disbursement feed stubs and points the REST clients at them. */
public class FeedStubsResource implements QuarkusTestResourceLifecycleManager {

    private FeedStubs stubs;

    @Override
    public Map<String, String> start() {
        stubs = new FeedStubs(new FeedStub(), new FeedStub());
        stubs.registry().start();
        stubs.disbursement().start();
        return Map.of(
                "quarkus.rest-client.registry.url", stubs.registry().url(),
                "quarkus.rest-client.disbursement.url", stubs.disbursement().url(),
                // small pages, several read into one batch while a feed is behind: every test reads that way
                "union-aid.feeds.batch-size", "40",
                "union-aid.feeds.catch-up-batch-size", "130");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stubs, new TestInjector.AnnotatedAndMatchesType(FeedStubs.Inject.class, FeedStubs.class));
    }

    @Override
    public void stop() {
        stubs.registry().stop();
        stubs.disbursement().stop();
    }
}
