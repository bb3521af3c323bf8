package org.unionaid.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * jobs/reporting-rebuild is applied by hand into a namespace an overlay deployed (deploy/kubernetes/README), so it is
 * held against each overlay it joins: it runs the reporting Deployment's image at its tag, with the same database
 * settings and no ConfigMap or Secret the overlay lacks, hardened as the Deployments are, and its pods reach reporting's
 * database and no other database or service, and are reached by nothing, from no namespace.
 */
class RebuildJobTest {

    private static final String JOB = "jobs/reporting-rebuild";
    private static final String SERVICE = "reporting-service";
    /** Set by the Job for a batch job: its own pool size, and no telemetry export. */
    private static final Set<String> OWN_VALUES = Set.of("DB_POOL_MAX", "OTEL_SDK_DISABLED");

    @ParameterizedTest(name = "{0} + " + JOB)
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void theRebuildJobRunsTheReportingImageWithItsSettingsAndReachesItsDatabaseOnly(String overlay) {
        String job = Rendered.kustomize(Project.KUSTOMIZE.resolve(JOB));
        Rendered both = Rendered.parse(overlay + "+rebuild",
                Rendered.kustomize(Project.KUSTOMIZE.resolve(overlay)) + "\n---\n" + job);
        List<String> violations = new ArrayList<>();

        List<Map<String, Object>> jobs = Rendered.parse("rebuild", job).all("Job");
        assertEquals(1, jobs.size(), "one Job in " + JOB);
        Map<String, Object> pod = Yaml.map(jobs.get(0), "spec.template.spec");
        List<Map<String, Object>> containers = Yaml.list(pod, "containers");
        assertEquals(1, containers.size(), "one container in the Job");
        Map<String, Object> rebuild = containers.get(0);
        Map<String, Object> service = Yaml.list(Yaml.map(both.get("Deployment", SERVICE), "spec.template.spec"), "containers").get(0);

        if (!Objects.equals(Yaml.string(rebuild, "image"), Yaml.string(service, "image"))) {
            violations.add("image " + Yaml.string(rebuild, "image") + ", the Deployment runs " + Yaml.string(service, "image"));
        }
        String command = String.join(" ", Yaml.at(rebuild, "command").map(c -> (List<?>) c).orElse(List.of())
                .stream().map(String::valueOf).toList());
        if (!command.endsWith("quarkus-run.jar rebuild")) {
            violations.add("command '" + command + "' does not run the jar's rebuild");
        }
        environment(rebuild, service, both, violations);
        secretVolumes(pod, Yaml.map(both.get("Deployment", SERVICE), "spec.template.spec"), violations);
        hardening(jobs.get(0), pod, rebuild, violations);
        network(jobs.get(0), both, violations);

        assertEquals(List.of(), violations, () -> overlay + ":\n" + String.join("\n", violations));
    }

    /** Each variable both set is set alike (but those the Job sets for itself); each ConfigMap key the Job reads is in the overlay's ConfigMap. */
    private static void environment(Map<String, Object> rebuild, Map<String, Object> service, Rendered both, List<String> violations) {
        for (Map<String, Object> e : Yaml.list(rebuild, "env")) {
            String var = String.valueOf(e.get("name"));
            Yaml.list(service, "env").stream().filter(s -> var.equals(s.get("name"))).findFirst().ifPresent(s -> {
                if (!OWN_VALUES.contains(var) && (!Objects.equals(s.get("valueFrom"), e.get("valueFrom"))
                        || !Objects.equals(s.get("value"), e.get("value")))) {
                    violations.add(var + " is " + e + ", the Deployment's is " + s);
                }
            });
            String map = Yaml.string(e, "valueFrom.configMapKeyRef.name");
            String key = Yaml.string(e, "valueFrom.configMapKeyRef.key");
            if (map != null && !both.find("ConfigMap", map).map(c -> Yaml.map(c, "data").containsKey(key)).orElse(false)) {
                violations.add(var + " reads key " + key + " of ConfigMap " + map + ", which the overlay does not have");
            }
            String secret = Yaml.string(e, "valueFrom.secretKeyRef.name");
            if (secret != null && !secret.equals(Yaml.string(Yaml.list(service, "env").stream()
                    .filter(s -> "DB_URL".equals(s.get("name"))).findFirst().orElse(Map.of()), "valueFrom.secretKeyRef.name"))) {
                violations.add(var + " reads Secret " + secret + ", not the reporting database's");
            }
        }
        for (String needed : List.of("DB_URL", "DB_USER", "DB_PASSWORD")) {
            if (Yaml.list(rebuild, "env").stream().noneMatch(e -> needed.equals(e.get("name")))) {
                violations.add("no " + needed + " (the service's defaults are for a local run)");
            }
        }
    }

    /** The Job mounts no Secret the reporting Deployment does not: no service signing key, no other database. */
    private static void secretVolumes(Map<String, Object> pod, Map<String, Object> servicePod, List<String> violations) {
        Set<String> mine = secretNames(pod);
        Set<String> services = secretNames(servicePod);
        if (!services.containsAll(mine)) {
            Set<String> extra = new TreeSet<>(mine);
            extra.removeAll(services);
            violations.add("mounts Secrets " + extra + " that reporting-service does not");
        }
    }

    private static Set<String> secretNames(Map<String, Object> pod) {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> v : Yaml.list(pod, "volumes")) {
            Yaml.at(v, "secret.secretName").ifPresent(n -> names.add(String.valueOf(n)));
        }
        return names;
    }

    private static void hardening(Map<String, Object> job, Map<String, Object> pod, Map<String, Object> c, List<String> violations) {
        Map<String, Object> expected = Map.of(
                "spec.template.spec.restartPolicy", "Never",
                "spec.template.spec.automountServiceAccountToken", false,
                "spec.template.spec.securityContext.runAsNonRoot", true);
        expected.forEach((path, value) -> {
            if (!Objects.equals(Yaml.at(job, path).orElse(null), value)) {
                violations.add(path + " is " + Yaml.at(job, path).orElse(null) + ", wanted " + value);
            }
        });
        Map<String, Object> container = Map.of(
                "securityContext.readOnlyRootFilesystem", true,
                "securityContext.allowPrivilegeEscalation", false,
                "securityContext.runAsNonRoot", true);
        container.forEach((path, value) -> {
            if (!Objects.equals(Yaml.at(c, path).orElse(null), value)) {
                violations.add("container " + path + " is " + Yaml.at(c, path).orElse(null) + ", wanted " + value);
            }
        });
        if (!Yaml.at(c, "securityContext.capabilities.drop").map(d -> ((List<?>) d).contains("ALL")).orElse(false)) {
            violations.add("the container does not drop ALL capabilities");
        }
        for (String limit : List.of("cpu", "memory")) {
            if (Yaml.at(c, "resources.limits." + limit).isEmpty() || Yaml.at(c, "resources.requests." + limit).isEmpty()) {
                violations.add("no " + limit + " request and limit");
            }
        }
        if (!(Yaml.at(job, "spec.backoffLimit").orElse(0) instanceof Integer b && b > 0)) {
            violations.add("spec.backoffLimit must let a stopped run be resumed by the next pod");
        }
        if (Yaml.at(job, "spec.activeDeadlineSeconds").isEmpty()) {
            violations.add("no spec.activeDeadlineSeconds: a stuck rebuild would hold reporting's reports at 503");
        }
    }

    /** Isolated both ways; reaches reporting-db on 5432, no other database, no service; nothing reaches it. */
    private static void network(Map<String, Object> job, Rendered both, List<String> violations) {
        NetworkPolicies policies = new NetworkPolicies(both);
        NetworkPolicies.Pod rebuild = new NetworkPolicies.Pod(Yaml.labels(job, "spec.template.metadata.labels"), Map.of());
        if (!policies.isolated(rebuild)) {
            violations.add("its pods are not isolated by a NetworkPolicy for both ingress and egress");
        }
        String own = "reporting-db";
        if (both.find("Cluster", own).isEmpty()) {
            violations.add("no PostgreSQL cluster " + own + " in the overlay to reach");
        }
        for (Map<String, Object> cluster : both.all("Cluster")) {
            String name = Rules.name(cluster);
            NetworkPolicies.Pod db = new NetworkPolicies.Pod(
                    Map.of("cnpg.io/cluster", name, "cnpg.io/podRole", "instance"), Map.of("postgresql", 5432));
            boolean allowed = policies.allows(rebuild, db, 5432);
            if (allowed != name.equals(own)) {
                violations.add((allowed ? "reaches " : "does not reach ") + "PostgreSQL cluster " + name);
            }
        }
        for (Map<String, Object> d : both.all("Deployment")) {
            Map<String, String> labels = Yaml.labels(d, "spec.template.metadata.labels");
            for (Map<String, Object> port : Yaml.list(Yaml.list(Yaml.map(d, "spec.template.spec"), "containers").get(0), "ports")) {
                int number = ((Number) port.get("containerPort")).intValue();
                NetworkPolicies.Pod target = new NetworkPolicies.Pod(labels, Map.of());
                if (policies.allows(rebuild, target, number)) {
                    violations.add("reaches " + Rules.name(d) + " on " + number);
                }
                if (policies.allows(target, rebuild, number)) {
                    violations.add(Rules.name(d) + " reaches the Job's pods on " + number);
                }
                if (!policies.namespacesAllowedInto(rebuild, number).isEmpty()) {
                    violations.add("namespaces " + policies.namespacesAllowedInto(rebuild, number) + " reach the Job's pods on "
                            + number);
                }
            }
        }
    }
}
