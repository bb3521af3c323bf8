package org.unionaid.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renders base and every overlay with kubectl kustomize and holds the objects to the rules. */
class ManifestCheckTest {

    static List<String> kustomizations() {
        return Project.kustomizations();
    }

    @ParameterizedTest(name = "{0} renders and keeps every rule")
    @MethodSource("kustomizations")
    void everyKustomizationRendersAndKeepsEveryRule(String kustomization) {
        Rendered rendered = Project.render(kustomization);

        List<String> violations = Rules.check(rendered, Project.services(), Project.documentedSecrets());

        assertEquals(List.of(), violations, () -> String.join("\n", violations));
    }

    @Test
    void thereAreDevAndProdOverlaysAndAnOperatorOverlayForServiceMonitors() {
        assertTrue(Project.kustomizations().containsAll(
                List.of("base", "overlays/dev", "overlays/prod", "overlays/prod-prometheus-operator")), Project.kustomizations()::toString);
    }

    @Test
    void productionKeepsTwoPodsOfEachServiceAndThreeInstancesOfEachDatabase() {
        Rendered prod = Project.render("overlays/prod");

        Map<String, Object> minimums = prod.all("HorizontalPodAutoscaler").stream()
                .collect(Collectors.toMap(Rules::name, h -> Yaml.at(h, "spec.minReplicas").orElseThrow()));
        Map<String, Object> instances = prod.all("Cluster").stream()
                .collect(Collectors.toMap(Rules::name, c -> Yaml.at(c, "spec.instances").orElseThrow()));

        assertEquals(Map.of("aid-registry-service", 2, "disbursement-service", 2, "reporting-service", 2, "gateway", 2), minimums);
        assertEquals(Map.of("registry-db", 3, "disbursement-db", 3, "reporting-db", 3), instances);
        assertEquals("union-aid-tls", Yaml.list(prod.get("Ingress", "union-aid"), "spec.tls").get(0).get("secretName"));
    }

    @Test
    void developmentRunsOnePostgresInstancePerDatabase() {
        Rendered dev = Project.render("overlays/dev");

        Set<Object> instances = dev.all("Cluster").stream().map(c -> Yaml.at(c, "spec.instances").orElseThrow()).collect(Collectors.toSet());

        assertEquals(Set.of(1), instances);
        assertEquals("union-aid-dev", Yaml.string(dev.get("Deployment", "gateway"), "metadata.namespace"));
    }

    @Test
    void eachServiceTakesItsJdbcUrlUserAndPasswordFromItsOwnClustersGeneratedSecret() {
        Rendered prod = Project.render("overlays/prod");

        for (String[] expected : new String[][] {
                {"aid-registry-service", "registry-db", "registry"},
                {"disbursement-service", "disbursement-db", "disbursement"},
                {"reporting-service", "reporting-db", "reporting"}}) {
            Map<String, Object> container = Yaml.list(prod.get("Deployment", expected[0]), "spec.template.spec.containers").get(0);
            Map<String, String> refs = Yaml.list(container, "env").stream()
                    .filter(e -> Set.of("DB_URL", "DB_USER", "DB_PASSWORD").contains(e.get("name")))
                    .collect(Collectors.toMap(e -> String.valueOf(e.get("name")),
                            e -> Yaml.string(e, "valueFrom.secretKeyRef.name") + "/" + Yaml.string(e, "valueFrom.secretKeyRef.key")));
            String secret = expected[1] + "-app";
            assertEquals(Map.of("DB_URL", secret + "/jdbc-uri", "DB_USER", secret + "/username", "DB_PASSWORD", secret + "/password"), refs);
            Map<String, Object> cluster = prod.get("Cluster", expected[1]);
            assertEquals(expected[2], Yaml.string(cluster, "spec.bootstrap.initdb.database"));
            assertEquals(expected[2], Yaml.string(cluster, "spec.bootstrap.initdb.owner"));
        }
    }

    @Test
    void serviceMonitorsExistOnlyInTheOverlayForClustersWithThePrometheusOperator() {
        Set<String> withOperator = Project.render("overlays/prod-prometheus-operator").all("ServiceMonitor").stream()
                .map(Rules::name).collect(Collectors.toCollection(TreeSet::new));

        assertEquals(new TreeSet<>(Project.services().keySet()), withOperator);
        assertEquals(List.of(), Project.render("overlays/prod").all("ServiceMonitor"));
        assertEquals(List.of(), Project.render("overlays/dev").all("ServiceMonitor"));
    }

    @Test
    void theReadmeDocumentsTheSecretsThatAreNotInGit() {
        Map<String, Set<String>> secrets = Project.documentedSecrets();

        assertEquals(Set.of("public.pem"), secrets.get("union-aid-jwt-verify"));
        assertEquals(Set.of("private.pem"), secrets.get("union-aid-service-key"));
        // previous-data-keys: only after a key rotation (the Deployments read it as optional)
        assertEquals(Set.of("data-key", "blind-index-key", "previous-data-keys"), secrets.get("union-aid-id-keys"));
        assertEquals(Set.of("data-key", "previous-data-keys"), secrets.get("union-aid-details-key"));
        assertEquals(Set.of("tls.crt", "tls.key"), secrets.get("union-aid-tls"));
    }
}
