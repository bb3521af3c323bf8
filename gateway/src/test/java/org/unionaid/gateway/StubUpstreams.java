package org.unionaid.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the three stub services and points the gateway at them. With the argument
 * stopped=NAME that service is started and stopped again, so its port is really closed; with
 * remote-key=true the registry stub also serves the token key and the gateway fetches it from there.
 */
public class StubUpstreams implements QuarkusTestResourceLifecycleManager {

    static final Map<String, List<String>> PATHS = Map.of(
            "registry", List.of("/api/v1/stations", "/api/v1/workers/{id}"),
            "disbursement", List.of("/api/v1/projects", "/api/v1/payouts"),
            "reporting", List.of("/api/v1/reports/summary"));

    private Vertx vertx;
    private String stopped;
    private boolean remoteKey;

    @Override
    public void init(Map<String, String> initArgs) {
        stopped = initArgs.get("stopped");
        remoteKey = Boolean.parseBoolean(initArgs.get("remote-key"));
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        PATHS.forEach((name, paths) -> {
            StubService stub = new StubService(name, paths);
            int port = stub.start(vertx);
            if (name.equals(stopped)) {
                stub.stop();
            }
            config.put("union-aid.gateway.upstreams." + name, "http://127.0.0.1:" + port);
            if (remoteKey && name.equals("registry")) {
                config.put("mp.jwt.verify.publickey.location", "http://127.0.0.1:" + port + "/keys/dev-public.pem");
            }
        });
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
