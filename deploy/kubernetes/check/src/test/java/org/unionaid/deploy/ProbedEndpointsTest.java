package org.unionaid.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paths the manifests probe and scrape exist in each service: /q/health/* and /q/metrics. */
class ProbedEndpointsTest {

    static List<String> modules() {
        return Project.MODULES;
    }

    @ParameterizedTest(name = "{0} serves /q/health/* and /q/metrics")
    @MethodSource("modules")
    void eachServiceHasTheHealthAndMetricsExtensionsOnTheDefaultPaths(String module) throws IOException {
        ServiceConfig config = ServiceConfig.read(Project.ROOT, module);
        String pom = Files.readString(config.moduleDir.resolve("pom.xml"));

        assertTrue(pom.contains("<artifactId>quarkus-smallrye-health</artifactId>"),
                module + " needs quarkus-smallrye-health for the startup, readiness and liveness probes");
        assertTrue(pom.contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>"),
                module + " needs quarkus-micrometer-registry-prometheus for the /q/metrics the pods announce");
        assertEquals("q", config.properties.getOrDefault("quarkus.http.non-application-root-path", "q").replaceAll("^/|/$", ""),
                "the probes and the scrape path expect the management endpoints under /q");
        assertEquals("health", config.properties.getOrDefault("quarkus.smallrye-health.root-path", "health").replaceAll("^/(q/)?|/$", ""));
        assertEquals("/q/metrics", config.properties.getOrDefault("quarkus.micrometer.export.prometheus.path", "/q/metrics"));
    }
}
