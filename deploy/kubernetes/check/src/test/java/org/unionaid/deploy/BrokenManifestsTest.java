package org.unionaid.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The check fails: each broken copy of the prod render is caught, with a message that names the fault. */
class BrokenManifestsTest {

    private static Map<String, ServiceConfig> services;
    private static Map<String, Set<String>> secrets;

    @BeforeAll
    static void readProject() {
        services = Project.services();
        secrets = Project.documentedSecrets();
    }

    @Test
    void theUnbrokenProdRenderPasses() {
        assertEquals(List.of(), Rules.check(Project.render("overlays/prod"), services, secrets));
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                fault("a container may write its root filesystem", "readOnlyRootFilesystem must be true",
                        r -> securityContext(r, "aid-registry-service").put("readOnlyRootFilesystem", false)),
                fault("a pod runs as root", "runAsNonRoot must be true", r -> {
                    Map<String, Object> pod = map(pod(r, "gateway"), "securityContext");
                    pod.put("runAsNonRoot", false);
                    pod.put("runAsUser", 0);
                    securityContext(r, "gateway").remove("runAsNonRoot");
                }),
                fault("a container may escalate privileges", "allowPrivilegeEscalation must be false",
                        r -> securityContext(r, "reporting-service").put("allowPrivilegeEscalation", true)),
                fault("a container has no memory limit", "needs memory requests and limits",
                        r -> map(map(container(r, "gateway"), "resources"), "limits").remove("memory")),
                fault("the readiness probe asks the wrong path", "readinessProbe must GET /q/health/ready",
                        r -> map(map(container(r, "disbursement-service"), "readinessProbe"), "httpGet").put("path", "/health")),
                fault("the startup probe is missing", "startupProbe must GET /q/health/started",
                        r -> container(r, "aid-registry-service").remove("startupProbe")),
                fault("the database password is written in the manifest", "DB_PASSWORD is a literal secret",
                        r -> env(r, "aid-registry-service", "DB_PASSWORD").ifPresent(e -> {
                            e.remove("valueFrom");
                            e.put("value", "registry");
                        })),
                fault("a Secret is committed with the manifests", "Secret union-aid-id-keys is rendered from git",
                        r -> r.objects.add(new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "Secret",
                                "metadata", Map.of("name", "union-aid-id-keys"), "data", Map.of("data-key", "QUJD"))))),
                fault("a Secret key the README does not tell anyone to create", "key data-key-2 is neither generated",
                        r -> env(r, "aid-registry-service", "ID_DATA_KEY")
                                .ifPresent(e -> map(map(e, "valueFrom"), "secretKeyRef").put("key", "data-key-2"))),
                fault("a variable the service does not read", "sets DB_URLL, which disbursement-service",
                        r -> envList(r, "disbursement-service").add(new LinkedHashMap<>(Map.of("name", "DB_URLL", "value", "x")))),
                fault("a variable the service needs is missing", "does not set JWT_ISSUER",
                        r -> envList(r, "reporting-service").removeIf(e -> "JWT_ISSUER".equals(e.get("name")))),
                fault("disbursement is deployed without the key of the details", "does not set DETAILS_DATA_KEY",
                        r -> envList(r, "disbursement-service").removeIf(e -> "DETAILS_DATA_KEY".equals(e.get("name")))),
                fault("the public key path is outside the mounted Secret", "JWT_PUBLIC_KEY_LOCATION=file:/keys/public.pem is not inside",
                        r -> configMap(r).put("JWT_PUBLIC_KEY_LOCATION", "file:/keys/public.pem")),
                fault("the container port differs from quarkus.http.port", "quarkus.http.port is 8082",
                        r -> Yaml.list(container(r, "disbursement-service"), "ports").get(0).put("containerPort", 8080)),
                fault("the registry's Service port differs from REGISTRY_URL", "uses a port Service aid-registry-service does not offer",
                        r -> Yaml.list(object(r, "Service", "aid-registry-service"), "spec.ports").get(0).put("port", 80)),
                fault("a Service no longer selects its pods", "needs exactly one Service of the same name",
                        r -> map(map(object(r, "Service", "gateway"), "spec"), "selector").put("app.kubernetes.io/name", "gatewy")),
                fault("the metrics annotation names the wrong port", "prometheus.io/port \"8083\"",
                        r -> map(map(map(map(object(r, "Deployment", "reporting-service"), "spec"), "template"), "metadata"), "annotations")
                                .put("prometheus.io/port", "9000")),
                fault("anyone may call the registry", "reach aid-registry-service",
                        r -> Yaml.list(object(r, "NetworkPolicy", "aid-registry-service"), "spec.ingress").get(0).remove("from")),
                fault("the gateway cannot reach reporting", "let gateway call [aid-registry-service, disbursement-service]",
                        r -> list(map(object(r, "NetworkPolicy", "gateway"), "spec"), "egress")
                                .removeIf(rule -> String.valueOf(rule).contains("reporting-service"))),
                fault("reporting can open the registry's database", "let reporting-service reach PostgreSQL cluster registry-db", r -> {
                    r.objects.removeIf(o -> "NetworkPolicy".equals(o.get("kind")) && "registry-db".equals(Rules.name(o)));
                    list(map(object(r, "NetworkPolicy", "reporting-service"), "spec"), "egress").add(new LinkedHashMap<>(Map.of(
                            "to", List.of(Map.of("podSelector", Map.of("matchLabels", Map.of("cnpg.io/cluster", "registry-db")))),
                            "ports", List.of(Map.of("protocol", "TCP", "port", 5432)))));
                }),
                fault("the Ingress routes to a backend service", "only the gateway's Service port is reachable",
                        r -> map(map(map(Yaml.list(Yaml.list(object(r, "Ingress", "union-aid"), "spec.rules").get(0), "http.paths").get(0),
                                "backend"), "service"), "port").put("name", "metrics")),
                fault("a backend service is a LoadBalancer", "Service disbursement-service is of type LoadBalancer",
                        r -> map(object(r, "Service", "disbursement-service"), "spec").put("type", "LoadBalancer")),
                fault("the database is created under another name", "creates database app but aid-registry-service uses registry",
                        r -> map(map(map(object(r, "Cluster", "registry-db"), "spec"), "bootstrap"), "initdb").put("database", "app")),
                fault("production runs one PostgreSQL instance", "1 instances, prod needs 3",
                        r -> map(object(r, "Cluster", "reporting-db"), "spec").put("instances", 1)),
                fault("production may shrink to one pod", "production needs minReplicas >= 2",
                        r -> map(object(r, "HorizontalPodAutoscaler", "gateway"), "spec").put("minReplicas", 1)),
                fault("a service has no disruption budget", "needs exactly one PodDisruptionBudget",
                        r -> r.objects.removeIf(o -> "PodDisruptionBudget".equals(o.get("kind")) && "gateway".equals(Rules.name(o)))),
                fault("the connection pools outgrow PostgreSQL", "max_connections 100 < 7 pods",
                        r -> env(r, "disbursement-service", "DB_POOL_MAX").ifPresent(e -> e.put("value", "20"))),
                fault("the grace period ends before requests in flight", "terminationGracePeriodSeconds 20 is shorter",
                        r -> pod(r, "aid-registry-service").put("terminationGracePeriodSeconds", 20)),
                fault("no preStop sleep", "needs a preStop sleep", r -> container(r, "gateway").remove("lifecycle")),
                fault("/tmp is not writable", "needs a writable /tmp",
                        r -> list(container(r, "reporting-service"), "volumeMounts").removeIf(m -> "/tmp".equals(m.get("mountPath")))),
                fault("a ServiceMonitor without the Prometheus operator", "need the Prometheus operator",
                        r -> r.objects.add(new LinkedHashMap<>(Map.of("apiVersion", "monitoring.coreos.com/v1", "kind", "ServiceMonitor",
                                "metadata", Map.of("name", "gateway"), "spec", Map.of())))),
                fault("an image with the latest tag", "needs a fixed tag",
                        r -> container(r, "gateway").put("image", "union-aid/gateway:latest")),
                fault("the Ingress routes /q/metrics", "routes /q/metrics from outside",
                        r -> ingressPaths(r).add(ingressPath("/q/metrics", "Prefix"))),
                fault("the Ingress routes everything under /", "path / (Prefix) routes /q/metrics from outside",
                        r -> ingressPaths(r).add(ingressPath("/", "Prefix"))),
                fault("the Ingress routes the gateway's health with the upstreams' details", "routes /q/health/well from outside",
                        r -> ingressPaths(r).add(ingressPath("/q/health/well", "Exact"))),
                fault("the Ingress sends what it does not route to the gateway", "a defaultBackend routes every path",
                        r -> map(object(r, "Ingress", "union-aid"), "spec").put("defaultBackend",
                                Map.of("service", Map.of("name", "gateway", "port", Map.of("name", "http"))))),
                fault("any pod of any namespace may scrape", "reach gateway, expected [ingress-nginx, monitoring]",
                        r -> Yaml.list(object(r, "NetworkPolicy", "allow-prometheus"), "spec.ingress").get(0)
                                .put("from", List.of(Map.of("namespaceSelector", Map.of())))),
                fault("the gateway holds the services' private key", "gateway: mounts Secret union-aid-service-key", r -> {
                    list(pod(r, "gateway"), "volumes").add(new LinkedHashMap<>(Map.of("name", "service-key",
                            "secret", Map.of("secretName", "union-aid-service-key"))));
                    list(container(r, "gateway"), "volumeMounts").add(new LinkedHashMap<>(Map.of("name", "service-key",
                            "mountPath", "/etc/union-aid/service-key", "readOnly", true)));
                }),
                fault("a service lacks the public key of service tokens", "reporting-service: does not set SERVICE_TOKEN_PUBLIC_KEY_LOCATION",
                        r -> envList(r, "reporting-service").removeIf(e -> "SERVICE_TOKEN_PUBLIC_KEY_LOCATION".equals(e.get("name")))),
                fault("the gateway lacks the public key of service tokens", "gateway: does not set SERVICE_TOKEN_PUBLIC_KEY_LOCATION",
                        r -> envList(r, "gateway").removeIf(e -> "SERVICE_TOKEN_PUBLIC_KEY_LOCATION".equals(e.get("name")))),
                fault("service tokens verify with the users' key", "the services' public key has a Secret of its own",
                        r -> configMap(r).put("SERVICE_TOKEN_PUBLIC_KEY_LOCATION", "file:/etc/union-aid/jwt/public.pem")),
                fault("services sign with a key from the users' verification Secret", "SERVICE_TOKEN_KEY_LOCATION must point into Secret union-aid-service-key",
                        r -> env(r, "disbursement-service", "SERVICE_TOKEN_KEY_LOCATION")
                                .ifPresent(e -> e.put("value", "file:/etc/union-aid/jwt/public.pem"))));
    }

    @Test
    void theUsersVerificationSecretMayHoldNoPrivateKey() {
        Map<String, Set<String>> withPrivate = new LinkedHashMap<>(secrets);
        withPrivate.put("union-aid-jwt-verify", Set.of("public.pem", "private.pem"));

        List<String> violations = Rules.check(Project.render("overlays/prod"), services, withPrivate);

        assertTrue(violations.stream().anyMatch(v -> v.contains("Secret union-aid-jwt-verify: the README puts a private key (private.pem)")),
                () -> String.join("\n", violations));
    }

    @Test
    void ingressPathsMatchLikeKubernetesPrefixes() {
        assertTrue(Rules.routes("/", "Prefix", "/q/metrics"));
        assertTrue(Rules.routes("/q", "Prefix", "/q/metrics"));
        assertTrue(Rules.routes("/q/", "Prefix", "/q/health/well"));
        assertTrue(!Rules.routes("/api", "Prefix", "/q/metrics"));
        assertTrue(!Rules.routes("/q/openapi", "Exact", "/q/metrics"));
        assertTrue(!Rules.routes("/q/m", "Prefix", "/q/metrics"), "a Prefix matches whole path elements");
        assertTrue(Rules.routes("/q/m", "ImplementationSpecific", "/q/metrics"), "ImplementationSpecific is taken as a plain prefix");
    }

    @ParameterizedTest(name = "caught: {0}")
    @MethodSource("faults")
    void theCheckCatches(String fault, String expectedMessage, Consumer<Rendered> breakIt) {
        Rendered broken = Project.render("overlays/prod");
        breakIt.accept(broken);

        List<String> violations = Rules.check(broken, services, secrets);

        assertTrue(violations.stream().anyMatch(v -> v.contains(expectedMessage)),
                () -> "expected a violation containing \"" + expectedMessage + "\", got:\n" + String.join("\n", violations));
    }

    // ---- editing a render in place

    private static Arguments fault(String name, String expected, Consumer<Rendered> mutation) {
        return Arguments.of(name, expected, mutation);
    }

    private static Map<String, Object> object(Rendered r, String kind, String name) {
        return r.get(kind, name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof Map<?, ?>)) {
            fail("no map at " + key + " in " + parent.keySet());
        }
        return (Map<String, Object>) value;
    }

    /** The list itself (Yaml.list copies), to edit in place. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof List<?>)) {
            fail("no list at " + key + " in " + parent.keySet());
        }
        return (List<Map<String, Object>>) value;
    }

    private static Map<String, Object> pod(Rendered r, String deployment) {
        return map(map(map(object(r, "Deployment", deployment), "spec"), "template"), "spec");
    }

    private static Map<String, Object> container(Rendered r, String deployment) {
        return Yaml.list(pod(r, deployment), "containers").get(0);
    }

    private static Map<String, Object> securityContext(Rendered r, String deployment) {
        return map(container(r, deployment), "securityContext");
    }

    private static List<Map<String, Object>> envList(Rendered r, String deployment) {
        return list(container(r, deployment), "env");
    }

    private static java.util.Optional<Map<String, Object>> env(Rendered r, String deployment, String var) {
        java.util.Optional<Map<String, Object>> entry = envList(r, deployment).stream().filter(e -> var.equals(e.get("name"))).findFirst();
        if (entry.isEmpty()) {
            fail(deployment + " sets no " + var);
        }
        return entry;
    }

    private static List<Map<String, Object>> ingressPaths(Rendered r) {
        return list(map(Yaml.list(object(r, "Ingress", "union-aid"), "spec.rules").get(0), "http"), "paths");
    }

    private static Map<String, Object> ingressPath(String path, String type) {
        return new LinkedHashMap<>(Map.of("path", path, "pathType", type,
                "backend", Map.of("service", Map.of("name", "gateway", "port", Map.of("name", "http")))));
    }

    private static Map<String, Object> configMap(Rendered r) {
        return map(r.all("ConfigMap").stream().filter(m -> Rules.name(m).startsWith("union-aid-config")).findFirst().orElseThrow(), "data");
    }
}
