package org.unionaid.deploy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every rendered overlay must keep. {@link #check} collects every violation as one
 * sentence naming the object, so a failing build says all that is wrong at once.
 */
final class Rules {

    /** Who calls whom (docs/contracts.md): caller to the services it calls. */
    static final Map<String, Set<String>> CALLS = Map.of(
            "gateway", Set.of("aid-registry-service", "disbursement-service", "reporting-service"),
            "disbursement-service", Set.of("aid-registry-service"),
            "reporting-service", Set.of("aid-registry-service", "disbursement-service"),
            "aid-registry-service", Set.of("disbursement-service"));

    /** Namespaces outside the application's own that may reach each service: the ingress controller, Prometheus. */
    static final Map<String, Set<String>> OUTSIDE_CALLERS = Map.of(
            "gateway", Set.of("ingress-nginx", "monitoring"),
            "aid-registry-service", Set.of("monitoring"),
            "disbursement-service", Set.of("monitoring"),
            "reporting-service", Set.of("monitoring"));

    /** Quarkus runtime properties the manifests set through their environment variable names. */
    static final Set<String> QUARKUS_RUNTIME = Set.of(
            "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", // quarkus.otel.exporter.otlp.endpoint
            "QUARKUS_SHUTDOWN_TIMEOUT");           // quarkus.shutdown.timeout

    /** Variables whose defaults in application.properties only fit a developer's machine. */
    static final Set<String> LOCAL_DEFAULTS = Set.of("DB_URL", "DB_USER", "DB_PASSWORD", "JWT_ISSUER",
            "JWT_PUBLIC_KEY_LOCATION", "SERVICE_TOKEN_KEY_LOCATION", "SERVICE_TOKEN_PUBLIC_KEY_LOCATION", "ID_DATA_KEY",
            "ID_BLIND_INDEX_KEY", "DETAILS_DATA_KEY", "REGISTRY_URL", "DISBURSEMENT_URL", "REPORTING_URL", "PUBLIC_BASE_URL");

    /** The Secret of the services' private service-token key: mounted into these three only, never the gateway. */
    static final String SERVICE_KEY_SECRET = "union-aid-service-key";
    static final Set<String> SERVICE_KEY_HOLDERS = Set.of("aid-registry-service", "disbursement-service", "reporting-service");
    /** The Secret that verifies users' tokens: public keys only, so nothing mounted from it can sign a token. */
    static final String USER_TOKEN_VERIFY_SECRET = "union-aid-jwt-verify";

    /** Requests from outside that the Ingress must not route (metrics, health with upstream details, dev tools). */
    static final List<String> INTERNAL_PATHS = List.of("/q/metrics", "/q/health", "/q/health/well", "/q/health/ready",
            "/q/health/live", "/q/health/started", "/q/info", "/q/dev-ui", "/q/arc");

    /** Keys of the Secret CloudNativePG generates for a Cluster's application owner (<cluster>-app). */
    static final Set<String> CNPG_APP_SECRET_KEYS = Set.of("username", "password", "jdbc-uri", "uri", "host",
            "port", "dbname", "pgpass", "user", "fqdn-uri", "fqdn-jdbc-uri");

    static final String PROMETHEUS_OPERATOR_OVERLAY = "prometheus-operator";
    private static final Pattern SECRET_LIKE_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|_KEY|PRIVATE)$");
    private static final Pattern SECRET_LIKE_VALUE = Pattern.compile("(?is).*(-----BEGIN|password=|passwd=).*");

    private final Rendered r;
    private final Map<String, ServiceConfig> services;
    private final Map<String, Set<String>> documentedSecrets;
    private final List<String> violations = new ArrayList<>();

    private Rules(Rendered rendered, Map<String, ServiceConfig> services, Map<String, Set<String>> documentedSecrets) {
        this.r = rendered;
        this.services = services;
        this.documentedSecrets = documentedSecrets;
    }

    /** Every rule broken by this render; empty when it is fit to deploy. */
    static List<String> check(Rendered rendered, Map<String, ServiceConfig> services, Map<String, Set<String>> documentedSecrets) {
        Rules rules = new Rules(rendered, services, documentedSecrets);
        rules.structure();
        for (Map<String, Object> deployment : rendered.all("Deployment")) {
            String name = Yaml.string(deployment, "metadata.name");
            ServiceConfig config = services.get(name);
            if (config == null) {
                continue;
            }
            rules.portsAndMetrics(deployment, config);
            rules.probes(deployment);
            rules.resources(deployment);
            rules.security(deployment);
            rules.gracefulShutdown(deployment, config);
            rules.environment(deployment, config);
            rules.database(deployment, config);
            rules.image(deployment, config);
            rules.scaling(deployment);
        }
        rules.secrets();
        rules.databases();
        rules.exposure();
        rules.ingressPaths();
        rules.tokenKeys();
        rules.network();
        rules.monitoring();
        return rules.violations;
    }

    private void violation(String message) {
        violations.add(r.overlay + ": " + message);
    }

    // ---- structure: a Deployment, Service, HPA and PDB per service, selectors that hold together

    private void structure() {
        Set<String> deployments = new TreeSet<>(names("Deployment"));
        if (!deployments.equals(new TreeSet<>(services.keySet()))) {
            violation("Deployments " + deployments + " are not the services " + new TreeSet<>(services.keySet())
                    + " (named by quarkus.application.name)");
        }
        for (Map<String, Object> d : r.all("Deployment")) {
            String name = name(d);
            Map<String, String> podLabels = podLabels(d);
            Map<String, Object> selector = Yaml.map(d, "spec.selector");
            if (Yaml.labels(selector, "matchLabels").isEmpty() || !NetworkPolicies.selectorMatches(selector, podLabels)) {
                violation("Deployment " + name + ": its selector does not select its own pod template");
            }
            for (Map<String, Object> other : r.all("Deployment")) {
                if (other != d && NetworkPolicies.selectorMatches(selector, podLabels(other))) {
                    violation("Deployment " + name + ": its selector also selects the pods of " + name(other));
                }
            }
            List<Map<String, Object>> selectingServices = r.all("Service").stream()
                    .filter(s -> !Yaml.labels(s, "spec.selector").isEmpty())
                    .filter(s -> NetworkPolicies.selectorMatches(Map.of("matchLabels", Yaml.map(s, "spec.selector")), podLabels))
                    .toList();
            if (selectingServices.size() != 1 || !name.equals(name(selectingServices.get(0)))) {
                violation("Deployment " + name + ": needs exactly one Service of the same name selecting its pods, has "
                        + selectingServices.stream().map(Rules::name).toList());
            }
            long hpas = r.all("HorizontalPodAutoscaler").stream()
                    .filter(h -> "Deployment".equals(Yaml.string(h, "spec.scaleTargetRef.kind"))
                            && name.equals(Yaml.string(h, "spec.scaleTargetRef.name")))
                    .count();
            if (hpas != 1) {
                violation("Deployment " + name + ": needs exactly one HorizontalPodAutoscaler, has " + hpas);
            }
            List<Map<String, Object>> pdbs = r.all("PodDisruptionBudget").stream()
                    .filter(p -> NetworkPolicies.selectorMatches(Yaml.map(p, "spec.selector"), podLabels))
                    .toList();
            if (pdbs.size() != 1) {
                violation("Deployment " + name + ": needs exactly one PodDisruptionBudget selecting its pods, has " + pdbs.size());
            }
        }
        for (Map<String, Object> p : r.all("PodDisruptionBudget")) {
            if (Yaml.labels(p, "spec.selector.matchLabels").isEmpty()) {
                violation("PodDisruptionBudget " + name(p) + ": an empty selector would cover every pod of the namespace");
            }
        }
    }

    // ---- ports, health, resources, security, shutdown

    private void portsAndMetrics(Map<String, Object> d, ServiceConfig config) {
        String name = name(d);
        int port = config.httpPort();
        Map<String, Integer> ports = namedPorts(d);
        if (!Integer.valueOf(port).equals(ports.get("http"))) {
            violation("Deployment " + name + ": container port \"http\" is " + ports.get("http")
                    + " but quarkus.http.port is " + port);
        }
        r.find("Service", name).ifPresent(s -> {
            List<Map<String, Object>> servicePorts = Yaml.list(s, "spec.ports");
            if (servicePorts.size() != 1) {
                violation("Service " + name + ": expected one port, has " + servicePorts.size());
                return;
            }
            Map<String, Object> sp = servicePorts.get(0);
            Object target = sp.getOrDefault("targetPort", sp.get("port"));
            Integer targetNumber = target instanceof Integer n ? n : ports.get(String.valueOf(target));
            if (!Integer.valueOf(port).equals(targetNumber)) {
                violation("Service " + name + ": targetPort " + target + " does not reach container port " + port);
            }
            if (!Integer.valueOf(port).equals(sp.get("port"))) {
                violation("Service " + name + ": port " + sp.get("port") + " differs from the service's own port " + port);
            }
        });
        int metricsPort = config.managementPort();
        if (config.managementEnabled() && !Integer.valueOf(metricsPort).equals(ports.get("management"))) {
            violation("Deployment " + name + ": container port \"management\" is " + ports.get("management")
                    + " but quarkus.management.port is " + metricsPort);
        }
        Map<String, Object> annotations = Yaml.map(d, "spec.template.metadata.annotations");
        if (!"true".equals(annotations.get("prometheus.io/scrape")) || !"/q/metrics".equals(annotations.get("prometheus.io/path"))
                || !String.valueOf(metricsPort).equals(annotations.get("prometheus.io/port"))) {
            violation("Deployment " + name + ": pods need prometheus.io/scrape \"true\", prometheus.io/path /q/metrics, "
                    + "prometheus.io/port \"" + metricsPort + "\", have " + annotations);
        }
    }

    private void probes(Map<String, Object> d) {
        Map<String, Object> c = container(d);
        Map<String, Integer> ports = namedPorts(d);
        Map<String, String> expected = Map.of("startupProbe", "/q/health/started", "readinessProbe", "/q/health/ready",
                "livenessProbe", "/q/health/live");
        for (Map.Entry<String, String> e : new TreeMap<>(expected).entrySet()) {
            String path = Yaml.string(c, e.getKey() + ".httpGet.path");
            Object port = Yaml.at(c, e.getKey() + ".httpGet.port").orElse(null);
            if (!e.getValue().equals(path)) {
                violation("Deployment " + name(d) + ": " + e.getKey() + " must GET " + e.getValue() + ", gets " + path);
            }
            boolean portOk = port instanceof Integer n ? ports.containsValue(n) : ports.containsKey(String.valueOf(port));
            if (!portOk) {
                violation("Deployment " + name(d) + ": " + e.getKey() + " port " + port + " is not a container port");
            }
            ServiceConfig config = services.get(name(d));
            Integer number = port instanceof Integer n ? n : ports.get(String.valueOf(port));
            if (config != null && portOk && !Integer.valueOf(config.managementPort()).equals(number)) {
                violation("Deployment " + name(d) + ": " + e.getKey() + " port " + port + " is not where " + config.module
                        + " serves /q/health (port " + config.managementPort() + ")");
            }
        }
    }

    private void resources(Map<String, Object> d) {
        for (Map<String, Object> c : containers(d)) {
            for (String resource : List.of("cpu", "memory")) {
                String request = Yaml.string(c, "resources.requests." + resource);
                String limit = Yaml.string(c, "resources.limits." + resource);
                if (request == null || limit == null) {
                    violation("Deployment " + name(d) + ": container " + c.get("name") + " needs " + resource
                            + " requests and limits (requests " + request + ", limits " + limit + ")");
                } else if (Quantities.parse(request) > Quantities.parse(limit)) {
                    violation("Deployment " + name(d) + ": " + resource + " request " + request + " exceeds limit " + limit);
                }
            }
        }
    }

    private void security(Map<String, Object> d) {
        String name = name(d);
        Map<String, Object> pod = Yaml.map(d, "spec.template.spec");
        for (String hostAccess : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (Boolean.TRUE.equals(pod.get(hostAccess))) {
                violation("Deployment " + name + ": " + hostAccess + " is on");
            }
        }
        if (!Boolean.FALSE.equals(pod.get("automountServiceAccountToken"))) {
            violation("Deployment " + name + ": automountServiceAccountToken must be false (the services never call the API server)");
        }
        for (Map<String, Object> c : containers(d)) {
            String where = "Deployment " + name + ", container " + c.get("name") + ": ";
            Object nonRoot = Yaml.at(c, "securityContext.runAsNonRoot").or(() -> Yaml.at(pod, "securityContext.runAsNonRoot")).orElse(null);
            Object user = Yaml.at(c, "securityContext.runAsUser").or(() -> Yaml.at(pod, "securityContext.runAsUser")).orElse(null);
            if (!Boolean.TRUE.equals(nonRoot)) {
                violation(where + "runAsNonRoot must be true");
            }
            if (Integer.valueOf(0).equals(user)) {
                violation(where + "runs as user 0");
            }
            if (!Boolean.FALSE.equals(Yaml.at(c, "securityContext.allowPrivilegeEscalation").orElse(null))) {
                violation(where + "allowPrivilegeEscalation must be false");
            }
            if (!Boolean.TRUE.equals(Yaml.at(c, "securityContext.readOnlyRootFilesystem").orElse(null))) {
                violation(where + "readOnlyRootFilesystem must be true");
            }
            if (Boolean.TRUE.equals(Yaml.at(c, "securityContext.privileged").orElse(null))) {
                violation(where + "is privileged");
            }
            Object drop = Yaml.at(c, "securityContext.capabilities.drop").orElse(List.of());
            if (!(drop instanceof List<?> dropped && dropped.contains("ALL"))) {
                violation(where + "must drop ALL capabilities");
            }
            if (!((List<?>) Yaml.at(c, "securityContext.capabilities.add").orElse(List.of())).isEmpty()) {
                violation(where + "adds capabilities");
            }
            Optional<Map<String, Object>> tmp = Yaml.list(c, "volumeMounts").stream()
                    .filter(m -> "/tmp".equals(m.get("mountPath"))).findFirst();
            boolean tmpIsEmptyDir = tmp.flatMap(m -> volume(d, String.valueOf(m.get("name"))))
                    .map(v -> v.containsKey("emptyDir")).orElse(false);
            if (!tmpIsEmptyDir) {
                violation(where + "needs a writable /tmp from an emptyDir volume (Quarkus and the JVM write there)");
            }
        }
    }

    private void gracefulShutdown(Map<String, Object> d, ServiceConfig config) {
        String name = name(d);
        Map<String, Object> c = container(d);
        Optional<Duration> shutdown = envValue(d, "QUARKUS_SHUTDOWN_TIMEOUT")
                .or(() -> Optional.ofNullable(config.properties.get("quarkus.shutdown.timeout")))
                .map(Quantities::duration);
        if (shutdown.isEmpty()) {
            violation("Deployment " + name + ": no quarkus.shutdown.timeout (property or QUARKUS_SHUTDOWN_TIMEOUT): "
                    + "requests in flight would be cut at SIGTERM");
        }
        OptionalSleep sleep = preStopSleep(c);
        if (sleep.seconds <= 0) {
            violation("Deployment " + name + ": needs a preStop sleep so the pod leaves the endpoints before it stops");
        }
        int grace = ((Number) Yaml.at(d, "spec.template.spec.terminationGracePeriodSeconds").orElse(30)).intValue();
        long needed = sleep.seconds + shutdown.map(Duration::toSeconds).orElse(0L) + 5;
        if (grace < needed) {
            violation("Deployment " + name + ": terminationGracePeriodSeconds " + grace + " is shorter than preStop sleep "
                    + sleep.seconds + " s + shutdown timeout " + shutdown.map(Duration::toSeconds).orElse(0L) + " s + 5 s");
        }
    }

    private record OptionalSleep(long seconds) {
    }

    private static OptionalSleep preStopSleep(Map<String, Object> c) {
        Optional<Object> native_ = Yaml.at(c, "lifecycle.preStop.sleep.seconds");
        if (native_.isPresent()) {
            return new OptionalSleep(((Number) native_.get()).longValue());
        }
        Object command = Yaml.at(c, "lifecycle.preStop.exec.command").orElse(List.of());
        Matcher m = Pattern.compile("\\bsleep\\W+(\\d+)").matcher(String.join(" ", ((List<?>) command).stream().map(String::valueOf).toList()));
        return new OptionalSleep(m.find() ? Long.parseLong(m.group(1)) : 0);
    }

    // ---- environment: consistent with what the service reads

    private void environment(Map<String, Object> d, ServiceConfig config) {
        String name = name(d);
        Set<String> allowed = new LinkedHashSet<>(config.envReferences.keySet());
        allowed.addAll(config.propertyEnvNames());
        allowed.addAll(QUARKUS_RUNTIME);
        Set<String> set = new LinkedHashSet<>();
        for (Map<String, Object> e : Yaml.list(container(d), "env")) {
            String var = String.valueOf(e.get("name"));
            if (!set.add(var)) {
                violation("Deployment " + name + ": " + var + " is set twice");
            }
            if (!allowed.contains(var)) {
                violation("Deployment " + name + ": sets " + var + ", which " + config.module
                        + "/src/main/resources/application.properties does not read");
            }
            String configMap = Yaml.string(e, "valueFrom.configMapKeyRef.name");
            if (configMap != null) {
                String key = Yaml.string(e, "valueFrom.configMapKeyRef.key");
                if (r.find("ConfigMap", configMap).map(m -> Yaml.map(m, "data").containsKey(key)).orElse(false) == Boolean.FALSE) {
                    violation("Deployment " + name + ": " + var + " refers to ConfigMap " + configMap + " key " + key + ", which is not rendered");
                }
            }
        }
        if (!Yaml.list(container(d), "envFrom").isEmpty()) {
            violation("Deployment " + name + ": envFrom hides which variables a service gets; name each one");
        }
        for (Map.Entry<String, String> ref : config.envReferences.entrySet()) {
            String var = ref.getKey();
            String local = ref.getValue();
            boolean needed = local == null || LOCAL_DEFAULTS.contains(var) || local.contains("localhost") || local.contains("dev-");
            if (needed && !set.contains(var)) {
                violation("Deployment " + name + ": does not set " + var + ", which the service reads"
                        + (local == null ? " without a default" : " with a local-only default " + local));
            }
        }
        for (String var : set) {
            if (var.endsWith("_LOCATION")) {
                envValue(d, var).ifPresentOrElse(value -> location(d, var, value),
                        () -> violation("Deployment " + name + ": the value of " + var + " cannot be resolved"));
            }
        }
    }

    /** A key location is an https JWKS URL, or a file inside a mounted Secret volume whose key the README documents. */
    private void location(Map<String, Object> d, String var, String value) {
        if (value.startsWith("https://") || value.startsWith("http://")) {
            return;
        }
        String path = value.startsWith("file:") ? value.substring("file:".length()) : value;
        if (!path.startsWith("/")) {
            violation("Deployment " + name(d) + ": " + var + "=" + value + " is neither a mounted file nor a URL");
            return;
        }
        for (Map<String, Object> mount : Yaml.list(container(d), "volumeMounts")) {
            String dir = String.valueOf(mount.get("mountPath"));
            if (path.startsWith(dir + "/")) {
                String file = path.substring(dir.length() + 1);
                Optional<Map<String, Object>> v = volume(d, String.valueOf(mount.get("name")));
                String secret = v.map(x -> Yaml.string(x, "secret.secretName")).orElse(null);
                if (secret == null) {
                    violation("Deployment " + name(d) + ": " + var + " points into " + dir + ", which is not a Secret volume");
                } else {
                    String key = Yaml.list(v.get(), "secret.items").stream()
                            .filter(i -> file.equals(i.get("path"))).map(i -> String.valueOf(i.get("key"))).findFirst().orElse(file);
                    secretReference("Deployment " + name(d) + ", " + var, secret, key);
                }
                return;
            }
        }
        violation("Deployment " + name(d) + ": " + var + "=" + value + " is not inside any mounted volume");
    }

    // ---- secrets: none in git, each one referenced is generated by CloudNativePG or documented

    private void secrets() {
        for (Map<String, Object> s : r.all("Secret")) {
            violation("Secret " + name(s) + " is rendered from git; secrets are created in the cluster (README)");
        }
        for (Map<String, Object> m : r.all("ConfigMap")) {
            Yaml.map(m, "data").forEach((k, v) -> {
                if (SECRET_LIKE_NAME.matcher(k).matches() || SECRET_LIKE_VALUE.matcher(String.valueOf(v)).matches()) {
                    violation("ConfigMap " + name(m) + ": key " + k + " looks like a secret");
                }
            });
        }
        for (Map<String, Object> d : r.all("Deployment")) {
            for (Map<String, Object> c : containers(d)) {
                for (Map<String, Object> e : Yaml.list(c, "env")) {
                    String var = String.valueOf(e.get("name"));
                    if (e.containsKey("value") && (SECRET_LIKE_NAME.matcher(var).matches()
                            || SECRET_LIKE_VALUE.matcher(String.valueOf(e.get("value"))).matches())) {
                        violation("Deployment " + name(d) + ": " + var + " is a literal secret; take it from a Secret");
                    }
                    String secret = Yaml.string(e, "valueFrom.secretKeyRef.name");
                    if (secret != null) {
                        secretReference("Deployment " + name(d) + ", " + var, secret, Yaml.string(e, "valueFrom.secretKeyRef.key"));
                    }
                }
            }
        }
        for (Map<String, Object> i : r.all("Ingress")) {
            for (Map<String, Object> tls : Yaml.list(i, "spec.tls")) {
                String secret = Yaml.string(tls, "secretName");
                if (secret != null && !documentedSecrets.containsKey(secret)) {
                    violation("Ingress " + name(i) + ": TLS Secret " + secret + " is not documented in the README");
                }
            }
        }
    }

    private void secretReference(String where, String secret, String key) {
        if (secret.endsWith("-app") && r.find("Cluster", secret.substring(0, secret.length() - "-app".length())).isPresent()) {
            if (!CNPG_APP_SECRET_KEYS.contains(key)) {
                violation(where + ": CloudNativePG's Secret " + secret + " has no key " + key);
            }
        } else if (!documentedSecrets.getOrDefault(secret, Set.of()).contains(key)) {
            violation(where + ": Secret " + secret + " key " + key + " is neither generated by CloudNativePG nor "
                    + "documented in deploy/kubernetes/README.md (kubectl create secret ...)");
        }
    }

    // ---- databases: one CloudNativePG Cluster, database and owner per service

    private void database(Map<String, Object> d, ServiceConfig config) {
        if (!config.usesDatabase()) {
            return;
        }
        String name = name(d);
        Map<String, String> keys = Map.of("DB_URL", "jdbc-uri", "DB_USER", "username", "DB_PASSWORD", "password");
        Set<String> secretsUsed = new TreeSet<>();
        for (Map.Entry<String, String> e : keys.entrySet()) {
            Optional<Map<String, Object>> entry = envEntry(d, e.getKey());
            String secret = entry.map(x -> Yaml.string(x, "valueFrom.secretKeyRef.name")).orElse(null);
            String key = entry.map(x -> Yaml.string(x, "valueFrom.secretKeyRef.key")).orElse(null);
            if (secret == null || !e.getValue().equals(key)) {
                violation("Deployment " + name + ": " + e.getKey() + " must come from the CloudNativePG app Secret, key " + e.getValue());
            } else {
                secretsUsed.add(secret);
            }
        }
        if (secretsUsed.size() != 1) {
            violation("Deployment " + name + ": DB_URL, DB_USER and DB_PASSWORD come from different Secrets " + secretsUsed);
            return;
        }
        String cluster = clusterOf(d).orElse(null);
        if (cluster == null || r.find("Cluster", cluster).isEmpty()) {
            violation("Deployment " + name + ": Secret " + secretsUsed + " is not the app Secret of a rendered Cluster");
            return;
        }
        Map<String, Object> c = r.get("Cluster", cluster);
        String database = Yaml.string(c, "spec.bootstrap.initdb.database");
        String owner = Yaml.string(c, "spec.bootstrap.initdb.owner");
        if (!config.localDatabaseName().equals(database)) {
            violation("Cluster " + cluster + ": creates database " + database + " but " + name + " uses " + config.localDatabaseName());
        }
        String localUser = config.envReferences.get("DB_USER");
        if (owner == null || (localUser != null && !localUser.equals(owner))) {
            violation("Cluster " + cluster + ": owner " + owner + " is not " + name + "'s user " + localUser);
        }
        int pool = envValue(d, "DB_POOL_MAX").or(() -> Optional.ofNullable(config.envReferences.get("DB_POOL_MAX")))
                .map(String::trim).map(Integer::parseInt).orElse(20);
        int maxPods = hpaMax(name) + maxSurge(d);
        int maxConnections = Integer.parseInt(Yaml.string(c, "spec.postgresql.parameters.max_connections") == null
                ? "100" : Yaml.string(c, "spec.postgresql.parameters.max_connections"));
        if (maxPods * pool + 10 > maxConnections) {
            violation("Cluster " + cluster + ": max_connections " + maxConnections + " < " + maxPods + " pods of " + name
                    + " x pool " + pool + " + 10 reserved");
        }
    }

    private void databases() {
        Map<String, String> owners = new LinkedHashMap<>();
        for (Map<String, Object> d : r.all("Deployment")) {
            clusterOf(d).ifPresent(c -> {
                String before = owners.put(c, name(d));
                if (before != null) {
                    violation("Cluster " + c + " serves both " + before + " and " + name(d) + "; each service owns its database");
                }
            });
        }
        for (Map<String, Object> c : r.all("Cluster")) {
            String name = name(c);
            if (!owners.containsKey(name)) {
                violation("Cluster " + name + " is used by no service");
            }
            Object instances = Yaml.at(c, "spec.instances").orElse(1);
            int expected = r.isProduction() ? 3 : 1;
            if (!Integer.valueOf(expected).equals(instances)) {
                violation("Cluster " + name + ": " + instances + " instances, " + r.overlay + " needs " + expected);
            }
            if (Yaml.string(c, "spec.storage.size") == null) {
                violation("Cluster " + name + ": no storage size");
            }
            if (Yaml.string(c, "spec.bootstrap.initdb.database") == null) {
                violation("Cluster " + name + ": no initdb database and owner");
            }
        }
    }

    // ---- scaling

    private void scaling(Map<String, Object> d) {
        String name = name(d);
        r.all("HorizontalPodAutoscaler").stream()
                .filter(h -> name.equals(Yaml.string(h, "spec.scaleTargetRef.name"))).findFirst()
                .ifPresent(h -> {
                    int min = ((Number) Yaml.at(h, "spec.minReplicas").orElse(1)).intValue();
                    int max = ((Number) Yaml.at(h, "spec.maxReplicas").orElse(0)).intValue();
                    if (max < min) {
                        violation("HorizontalPodAutoscaler " + name + ": maxReplicas " + max + " < minReplicas " + min);
                    }
                    if (r.isProduction() && min < 2) {
                        violation("HorizontalPodAutoscaler " + name + ": production needs minReplicas >= 2, has " + min);
                    }
                    Object replicas = Yaml.at(d, "spec.replicas").orElse(null);
                    if (replicas instanceof Integer n && n < min) {
                        violation("Deployment " + name + ": replicas " + n + " below the autoscaler's minimum " + min);
                    }
                });
    }

    // ---- images

    private void image(Map<String, Object> d, ServiceConfig config) {
        String image = String.valueOf(container(d).get("image"));
        String group = config.properties.getOrDefault("quarkus.container-image.group", "union-aid");
        String imageName = config.properties.getOrDefault("quarkus.container-image.name", name(d));
        int colon = image.lastIndexOf(':');
        String repository = colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
        String tag = colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "";
        if (!repository.equals(group + "/" + imageName) && !repository.endsWith("/" + group + "/" + imageName)) {
            violation("Deployment " + name(d) + ": image " + image + " is not the image the build makes, " + group + "/" + imageName);
        }
        if (tag.isEmpty() || tag.equals("latest")) {
            violation("Deployment " + name(d) + ": image " + image + " needs a fixed tag");
        }
    }

    // ---- exposure: only the gateway, through one Ingress

    private void exposure() {
        List<Map<String, Object>> ingresses = r.all("Ingress");
        if (ingresses.size() != 1) {
            violation(ingresses.size() + " Ingresses; the gateway is exposed through exactly one");
        }
        Object gatewayPort = r.find("Service", "gateway").map(s -> Yaml.list(s, "spec.ports"))
                .filter(p -> !p.isEmpty()).map(p -> p.get(0)).orElse(Map.of()).get("name");
        for (Map<String, Object> i : ingresses) {
            List<Map<String, Object>> backends = new ArrayList<>();
            Yaml.at(i, "spec.defaultBackend").ifPresent(b -> backends.add(Yaml.map(i, "spec.defaultBackend")));
            for (Map<String, Object> rule : Yaml.list(i, "spec.rules")) {
                for (Map<String, Object> path : Yaml.list(rule, "http.paths")) {
                    backends.add(Yaml.map(path, "backend"));
                }
            }
            if (backends.isEmpty()) {
                violation("Ingress " + name(i) + " routes nowhere");
            }
            for (Map<String, Object> b : backends) {
                String service = Yaml.string(b, "service.name");
                Object portName = Yaml.at(b, "service.port.name").orElse(null);
                Object portNumber = Yaml.at(b, "service.port.number").orElse(null);
                int gatewayNumber = services.containsKey("gateway") ? services.get("gateway").httpPort() : -1;
                boolean portOk = (portName != null && portName.equals(gatewayPort))
                        || Integer.valueOf(gatewayNumber).equals(portNumber);
                if (!"gateway".equals(service) || !portOk) {
                    violation("Ingress " + name(i) + ": routes to " + service + " port " + (portName != null ? portName : portNumber)
                            + "; only the gateway's Service port is reachable from outside");
                }
            }
            if (r.isProduction() && Yaml.list(i, "spec.tls").isEmpty()) {
                violation("Ingress " + name(i) + ": production serves HTTPS only (spec.tls)");
            }
        }
        for (Map<String, Object> s : r.all("Service")) {
            String type = Objects.requireNonNullElse(Yaml.string(s, "spec.type"), "ClusterIP");
            if (!type.equals("ClusterIP")) {
                violation("Service " + name(s) + " is of type " + type + "; only the Ingress is reachable from outside");
            }
        }
    }

    // ---- ingress paths: the API and its contract go out; /q/metrics and health details stay inside

    private void ingressPaths() {
        for (Map<String, Object> i : r.all("Ingress")) {
            if (Yaml.at(i, "spec.defaultBackend").isPresent()) {
                violation("Ingress " + name(i) + ": a defaultBackend routes every path, " + INTERNAL_PATHS.get(0)
                        + " too; route /api, /q/openapi, /q/swagger-ui and the console (/, /console, /webjars) only");
            }
            for (Map<String, Object> rule : Yaml.list(i, "spec.rules")) {
                for (Map<String, Object> path : Yaml.list(rule, "http.paths")) {
                    String p = Objects.requireNonNullElse(Yaml.string(path, "path"), "/");
                    String type = Objects.requireNonNullElse(Yaml.string(path, "pathType"), "ImplementationSpecific");
                    for (String internal : INTERNAL_PATHS) {
                        if (routes(p, type, internal)) {
                            violation("Ingress " + name(i) + ": path " + p + " (" + type + ") routes " + internal
                                    + " from outside; route /api, /q/openapi, /q/swagger-ui and the console (/, /console, /webjars) only");
                            break;
                        }
                    }
                }
            }
        }
    }

    /** Whether an Ingress path of this type matches the request path (Prefix: whole path elements; others as plain prefixes). */
    static boolean routes(String path, String type, String request) {
        if (type.equals("Exact")) {
            return path.equals(request);
        }
        if (type.equals("Prefix")) {
            String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return p.equals("/") || request.equals(p) || request.startsWith(p + "/");
        }
        // ImplementationSpecific (ingress-nginx: a prefix, or a regex with use-regex): matched conservatively
        return request.startsWith(path) || path.contains("(") || path.contains("*") || path.contains(".");
    }

    // ---- token keys: the services' own key pair, apart from the key that verifies users' tokens

    private void tokenKeys() {
        for (Map<String, Object> d : r.all("Deployment")) {
            String name = name(d);
            if (!services.containsKey(name)) {
                continue;
            }
            Set<String> secrets = new TreeSet<>();
            for (Map<String, Object> v : Yaml.list(d, "spec.template.spec.volumes")) {
                Optional.ofNullable(Yaml.string(v, "secret.secretName")).ifPresent(secrets::add);
                for (Map<String, Object> source : Yaml.list(v, "projected.sources")) {
                    Optional.ofNullable(Yaml.string(source, "secret.name")).ifPresent(secrets::add);
                }
            }
            for (Map<String, Object> c : containers(d)) {
                for (Map<String, Object> e : Yaml.list(c, "env")) {
                    Optional.ofNullable(Yaml.string(e, "valueFrom.secretKeyRef.name")).ifPresent(secrets::add);
                }
            }
            boolean holder = SERVICE_KEY_HOLDERS.contains(name);
            if (secrets.contains(SERVICE_KEY_SECRET) && !holder) {
                violation("Deployment " + name + ": mounts Secret " + SERVICE_KEY_SECRET + ", the services' private token key; only "
                        + new TreeSet<>(SERVICE_KEY_HOLDERS) + " may hold it (it signs tokens every service accepts)");
            }
            if (holder && !secrets.contains(SERVICE_KEY_SECRET)) {
                violation("Deployment " + name + ": needs Secret " + SERVICE_KEY_SECRET + " to sign its calls to other services");
            }
            if (envEntry(d, "SERVICE_TOKEN_PUBLIC_KEY_LOCATION").isEmpty()) {
                violation("Deployment " + name + ": does not set SERVICE_TOKEN_PUBLIC_KEY_LOCATION, the public key of service tokens");
            }
            String signing = secretOf(d, "SERVICE_TOKEN_KEY_LOCATION").orElse(null);
            if (envEntry(d, "SERVICE_TOKEN_KEY_LOCATION").isPresent() && !SERVICE_KEY_SECRET.equals(signing)) {
                violation("Deployment " + name + ": SERVICE_TOKEN_KEY_LOCATION must point into Secret " + SERVICE_KEY_SECRET
                        + ", points into " + signing);
            }
            String userVerify = secretOf(d, "JWT_PUBLIC_KEY_LOCATION").orElse(null);
            String serviceVerify = secretOf(d, "SERVICE_TOKEN_PUBLIC_KEY_LOCATION").orElse(null);
            if (serviceVerify != null && (serviceVerify.equals(userVerify) || serviceVerify.equals(SERVICE_KEY_SECRET))) {
                violation("Deployment " + name + ": SERVICE_TOKEN_PUBLIC_KEY_LOCATION points into Secret " + serviceVerify
                        + "; the services' public key has a Secret of its own, apart from the users' key and the private key");
            }
        }
        for (String key : documentedSecrets.getOrDefault(USER_TOKEN_VERIFY_SECRET, Set.of())) {
            if (key.toLowerCase(java.util.Locale.ROOT).contains("private") || key.endsWith(".key")) {
                violation("Secret " + USER_TOKEN_VERIFY_SECRET + ": the README puts a private key (" + key
                        + ") in it; it holds public keys only, so no pod can sign a user's token");
            }
        }
    }

    /** The Secret a *_LOCATION variable's file lies in (by its mount), if it is a file in a Secret volume. */
    private Optional<String> secretOf(Map<String, Object> d, String var) {
        Optional<String> value = envValue(d, var);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String path = value.get().startsWith("file:") ? value.get().substring("file:".length()) : value.get();
        for (Map<String, Object> mount : Yaml.list(container(d), "volumeMounts")) {
            String dir = String.valueOf(mount.get("mountPath"));
            if (path.startsWith(dir + "/")) {
                return volume(d, String.valueOf(mount.get("name"))).map(v -> Yaml.string(v, "secret.secretName"));
            }
        }
        return Optional.empty();
    }

    // ---- network: URLs, policies and the call graph agree

    private void network() {
        NetworkPolicies policies = new NetworkPolicies(r);
        Map<String, NetworkPolicies.Pod> pods = new TreeMap<>();
        for (Map<String, Object> d : r.all("Deployment")) {
            pods.put(name(d), new NetworkPolicies.Pod(podLabels(d), namedPorts(d)));
        }
        for (Map.Entry<String, NetworkPolicies.Pod> caller : pods.entrySet()) {
            String from = caller.getKey();
            if (!policies.isolated(caller.getValue())) {
                violation("Deployment " + from + ": its pods are not isolated by a NetworkPolicy for both ingress and egress");
            }
            Set<String> byUrl = new TreeSet<>();
            Map<String, Object> d = r.get("Deployment", from);
            for (Map<String, Object> e : Yaml.list(container(d), "env")) {
                String var = String.valueOf(e.get("name"));
                if (var.equals("PUBLIC_BASE_URL")) {
                    publicBaseUrl(d);
                } else if (var.endsWith("_URL") && !var.startsWith("DB_")) {
                    urlTarget(d, var).ifPresent(byUrl::add);
                }
            }
            Set<String> expected = new TreeSet<>(CALLS.getOrDefault(from, Set.of()));
            if (services.containsKey(from) && !byUrl.equals(expected)) {
                violation("Deployment " + from + ": its service URLs lead to " + byUrl + ", the contracts say it calls " + expected);
            }
            Set<String> reachable = new TreeSet<>();
            for (Map.Entry<String, NetworkPolicies.Pod> callee : pods.entrySet()) {
                int port = callee.getValue().namedPorts().getOrDefault("http", -1);
                if (!callee.getKey().equals(from) && policies.allows(caller.getValue(), callee.getValue(), port)) {
                    reachable.add(callee.getKey());
                }
            }
            if (!reachable.equals(expected)) {
                violation("NetworkPolicies let " + from + " call " + reachable + ", the contracts say " + expected);
            }
            String ownCluster = clusterOf(d).orElse(null);
            for (Map<String, Object> cluster : r.all("Cluster")) {
                NetworkPolicies.Pod db = new NetworkPolicies.Pod(
                        Map.of("cnpg.io/cluster", name(cluster), "cnpg.io/podRole", "instance"), Map.of("postgresql", 5432));
                boolean allowed = policies.allows(caller.getValue(), db, 5432);
                boolean own = name(cluster).equals(ownCluster);
                if (allowed != own) {
                    violation("NetworkPolicies " + (allowed ? "let " : "keep ") + from + (allowed ? " reach " : " from ")
                            + "PostgreSQL cluster " + name(cluster) + (own ? ", its own database" : ", another service's database"));
                }
            }
        }
        for (Map.Entry<String, NetworkPolicies.Pod> callee : pods.entrySet()) {
            ServiceConfig config = services.get(callee.getKey());
            int port = callee.getValue().namedPorts().getOrDefault("http", -1);
            int metricsPort = config == null ? port : config.managementPort();
            Set<String> outside = new TreeSet<>(policies.namespacesAllowedInto(callee.getValue(), port));
            Set<String> expected = new TreeSet<>(OUTSIDE_CALLERS.getOrDefault(callee.getKey(), Set.of()));
            if (metricsPort != port) {
                // /q (metrics, health) on a port of its own: the API port is not scraped, that port only by Prometheus
                expected.remove("monitoring");
                Set<String> scrapers = new TreeSet<>(policies.namespacesAllowedInto(callee.getValue(), metricsPort));
                if (!scrapers.equals(Set.of("monitoring"))) {
                    violation("NetworkPolicies let namespaces " + scrapers + " reach the metrics port " + metricsPort + " of "
                            + callee.getKey() + "; only monitoring may scrape it");
                }
            }
            if (!outside.equals(expected)) {
                violation("NetworkPolicies let namespaces " + outside + " reach " + callee.getKey() + ", expected " + expected);
            }
        }
    }

    /** Links name the address the Ingress serves: PUBLIC_BASE_URL's host is one of its hosts. */
    private void publicBaseUrl(Map<String, Object> d) {
        String value = envValue(d, "PUBLIC_BASE_URL").orElse("");
        String host = value.isEmpty() ? null : URI.create(value).getHost();
        Set<String> hosts = new TreeSet<>();
        for (Map<String, Object> i : r.all("Ingress")) {
            for (Map<String, Object> rule : Yaml.list(i, "spec.rules")) {
                Optional.ofNullable(Yaml.string(rule, "host")).ifPresent(hosts::add);
            }
        }
        if (host == null || !hosts.contains(host)) {
            violation("Deployment " + name(d) + ": PUBLIC_BASE_URL=" + value + " is not the Ingress host " + hosts);
        }
    }

    private Optional<String> urlTarget(Map<String, Object> d, String var) {
        Optional<String> value = envValue(d, var);
        if (value.isEmpty()) {
            violation("Deployment " + name(d) + ": " + var + " has no value");
            return Optional.empty();
        }
        URI uri = URI.create(value.get());
        String host = uri.getHost() == null ? "" : uri.getHost().split("\\.")[0];
        Optional<Map<String, Object>> service = r.find("Service", host);
        if (service.isEmpty()) {
            violation("Deployment " + name(d) + ": " + var + "=" + value.get() + " names no Service of this deployment");
            return Optional.empty();
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        boolean portOk = Yaml.list(service.get(), "spec.ports").stream().anyMatch(p -> Integer.valueOf(port).equals(p.get("port")));
        if (!portOk) {
            violation("Deployment " + name(d) + ": " + var + "=" + value.get() + " uses a port Service " + host + " does not offer");
        }
        return r.all("Deployment").stream()
                .filter(x -> NetworkPolicies.selectorMatches(Map.of("matchLabels", Yaml.map(service.get(), "spec.selector")), podLabels(x)))
                .map(Rules::name).findFirst();
    }

    // ---- monitoring: annotations everywhere, ServiceMonitors only where the operator runs

    private void monitoring() {
        boolean operator = r.overlay.contains(PROMETHEUS_OPERATOR_OVERLAY);
        List<Map<String, Object>> monitors = r.all("ServiceMonitor");
        if (!operator) {
            if (!monitors.isEmpty() || !r.all("PodMonitor").isEmpty()) {
                violation("ServiceMonitor/PodMonitor objects need the Prometheus operator; keep them in the "
                        + PROMETHEUS_OPERATOR_OVERLAY + " overlay");
            }
            for (Map<String, Object> c : r.all("Cluster")) {
                if (Boolean.TRUE.equals(Yaml.at(c, "spec.monitoring.enablePodMonitor").orElse(null))) {
                    violation("Cluster " + name(c) + ": enablePodMonitor needs the Prometheus operator");
                }
            }
            return;
        }
        for (Map<String, Object> s : r.all("Service")) {
            String portName = String.valueOf(Yaml.list(s, "spec.ports").stream().findFirst().map(p -> p.get("name")).orElse(""));
            boolean covered = monitors.stream().anyMatch(m ->
                    NetworkPolicies.selectorMatches(Yaml.map(m, "spec.selector"), Yaml.labels(s, "metadata.labels"))
                            && Yaml.list(m, "spec.endpoints").stream().anyMatch(e ->
                            portName.equals(e.get("port")) && "/q/metrics".equals(e.get("path"))));
            if (!covered) {
                violation("Service " + name(s) + ": no ServiceMonitor scrapes its port " + portName + " at /q/metrics");
            }
        }
    }

    // ---- helpers

    private List<String> names(String kind) {
        return r.all(kind).stream().map(Rules::name).toList();
    }

    static String name(Map<String, Object> o) {
        return Yaml.string(o, "metadata.name");
    }

    private static Map<String, String> podLabels(Map<String, Object> d) {
        return Yaml.labels(d, "spec.template.metadata.labels");
    }

    private static List<Map<String, Object>> containers(Map<String, Object> d) {
        return Yaml.list(d, "spec.template.spec.containers");
    }

    private static Map<String, Object> container(Map<String, Object> d) {
        List<Map<String, Object>> all = containers(d);
        return all.stream().filter(c -> "app".equals(c.get("name"))).findFirst().orElse(all.isEmpty() ? Map.of() : all.get(0));
    }

    private static Map<String, Integer> namedPorts(Map<String, Object> d) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Map<String, Object> c : containers(d)) {
            for (Map<String, Object> p : Yaml.list(c, "ports")) {
                if (p.get("name") != null && p.get("containerPort") instanceof Integer n) {
                    ports.put(String.valueOf(p.get("name")), n);
                }
            }
        }
        return ports;
    }

    private static Optional<Map<String, Object>> volume(Map<String, Object> d, String name) {
        return Yaml.list(d, "spec.template.spec.volumes").stream().filter(v -> name.equals(v.get("name"))).findFirst();
    }

    private static Optional<Map<String, Object>> envEntry(Map<String, Object> d, String var) {
        return Yaml.list(container(d), "env").stream().filter(e -> var.equals(e.get("name"))).findFirst();
    }

    /** The value a variable gets: a literal, or the ConfigMap entry it refers to. Secrets are not resolved. */
    private Optional<String> envValue(Map<String, Object> d, String var) {
        Optional<Map<String, Object>> entry = envEntry(d, var);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        if (entry.get().containsKey("value")) {
            return Optional.of(String.valueOf(entry.get().get("value")));
        }
        String configMap = Yaml.string(entry.get(), "valueFrom.configMapKeyRef.name");
        String key = Yaml.string(entry.get(), "valueFrom.configMapKeyRef.key");
        return configMap == null ? Optional.empty()
                : r.find("ConfigMap", configMap).map(m -> Yaml.map(m, "data").get(key)).map(String::valueOf);
    }

    private Optional<String> clusterOf(Map<String, Object> d) {
        return envEntry(d, "DB_URL").map(e -> Yaml.string(e, "valueFrom.secretKeyRef.name"))
                .filter(s -> s.endsWith("-app")).map(s -> s.substring(0, s.length() - "-app".length()));
    }

    private int hpaMax(String deployment) {
        return r.all("HorizontalPodAutoscaler").stream()
                .filter(h -> deployment.equals(Yaml.string(h, "spec.scaleTargetRef.name")))
                .map(h -> ((Number) Yaml.at(h, "spec.maxReplicas").orElse(1)).intValue())
                .findFirst().orElse(((Number) Yaml.at(r.get("Deployment", deployment), "spec.replicas").orElse(1)).intValue());
    }

    private static int maxSurge(Map<String, Object> d) {
        Object surge = Yaml.at(d, "spec.strategy.rollingUpdate.maxSurge").orElse("25%");
        return surge instanceof Integer n ? n : 1;
    }
}
