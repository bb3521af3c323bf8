package org.unionaid.deploy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates the rendered NetworkPolicies the way the Kubernetes API defines them: a pod is
 * isolated for a direction once any policy of that type selects it, and then only the union of
 * those policies' rules lets traffic through. Only what the check needs: pods of the one
 * namespace the overlay deploys to, TCP ports by number or by container port name.
 */
final class NetworkPolicies {

    /** A pod as the policies see it: its labels and its named container ports. */
    record Pod(Map<String, String> labels, Map<String, Integer> namedPorts) {
    }

    private static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private final List<Map<String, Object>> policies;
    private final String namespace;

    NetworkPolicies(Rendered rendered) {
        this.policies = rendered.all("NetworkPolicy");
        this.namespace = rendered.objects.stream()
                .map(o -> Yaml.string(o, "metadata.namespace")).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** May a pod of this namespace open a TCP connection to {@code target} on {@code port}? Both directions must allow it. */
    boolean allows(Pod source, Pod target, int port) {
        return egressAllows(source, target, port) && ingressAllows(target, source, port);
    }

    /** The namespaces (by name, "*" for any) from which pods may reach {@code target} on {@code port}. */
    Set<String> namespacesAllowedInto(Pod target, int port) {
        Set<String> namespaces = new LinkedHashSet<>();
        List<Map<String, Object>> selecting = selecting(target, "Ingress");
        if (selecting.isEmpty()) {
            namespaces.add("*");
            return namespaces;
        }
        for (Map<String, Object> policy : selecting) {
            for (Map<String, Object> rule : Yaml.list(policy, "spec.ingress")) {
                if (!portsMatch(rule, target, port)) {
                    continue;
                }
                List<Map<String, Object>> peers = Yaml.list(rule, "from");
                if (peers.isEmpty() && Yaml.at(rule, "from").isEmpty()) {
                    namespaces.add("*");
                }
                for (Map<String, Object> peer : peers) {
                    if (Yaml.at(peer, "ipBlock").isPresent()) {
                        namespaces.add("*");
                    } else if (Yaml.at(peer, "namespaceSelector").isPresent()) {
                        Map<String, String> match = Yaml.labels(peer, "namespaceSelector.matchLabels");
                        boolean onlyByName = match.size() == 1 && match.containsKey(NAMESPACE_NAME_LABEL)
                                && Yaml.at(peer, "namespaceSelector.matchExpressions").isEmpty();
                        namespaces.add(onlyByName ? match.get(NAMESPACE_NAME_LABEL) : "*");
                    }
                }
            }
        }
        namespaces.remove(namespace);
        return namespaces;
    }

    /** Is every pod with these labels isolated in both directions? */
    boolean isolated(Pod pod) {
        return !selecting(pod, "Ingress").isEmpty() && !selecting(pod, "Egress").isEmpty();
    }

    private boolean ingressAllows(Pod target, Pod source, int port) {
        return directionAllows(target, source, port, target, "Ingress", "spec.ingress", "from");
    }

    private boolean egressAllows(Pod source, Pod target, int port) {
        return directionAllows(source, target, port, target, "Egress", "spec.egress", "to");
    }

    private boolean directionAllows(Pod selected, Pod peer, int port, Pod portOwner, String type, String rules, String peers) {
        List<Map<String, Object>> selecting = selecting(selected, type);
        if (selecting.isEmpty()) {
            return true;
        }
        for (Map<String, Object> policy : selecting) {
            for (Map<String, Object> rule : Yaml.list(policy, rules)) {
                if (!portsMatch(rule, portOwner, port)) {
                    continue;
                }
                if (Yaml.at(rule, peers).isEmpty()) {
                    return true;
                }
                for (Map<String, Object> p : Yaml.list(rule, peers)) {
                    if (peerMatches(p, peer)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private List<Map<String, Object>> selecting(Pod pod, String type) {
        return policies.stream()
                .filter(p -> policyTypes(p).contains(type))
                .filter(p -> selectorMatches(Yaml.map(p, "spec.podSelector"), pod.labels()))
                .toList();
    }

    private static List<String> policyTypes(Map<String, Object> policy) {
        Object types = Yaml.at(policy, "spec.policyTypes").orElse(null);
        if (types instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return Yaml.at(policy, "spec.egress").isPresent() ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    /** A peer of the same namespace: its pod selector must match, its namespace selector (if any) must match this namespace. */
    private boolean peerMatches(Map<String, Object> peer, Pod pod) {
        if (Yaml.at(peer, "ipBlock").isPresent()) {
            return false; // pod-to-pod traffic inside the cluster is decided by pod and namespace selectors
        }
        if (Yaml.at(peer, "namespaceSelector").isPresent()) {
            Map<String, String> namespaceLabels = namespace == null ? Map.of() : Map.of(NAMESPACE_NAME_LABEL, namespace);
            if (!selectorMatches(Yaml.map(peer, "namespaceSelector"), namespaceLabels)) {
                return false;
            }
        }
        return Yaml.at(peer, "podSelector").isEmpty() || selectorMatches(Yaml.map(peer, "podSelector"), pod.labels());
    }

    private static boolean portsMatch(Map<String, Object> rule, Pod portOwner, int port) {
        List<Map<String, Object>> ports = Yaml.list(rule, "ports");
        if (ports.isEmpty()) {
            return true;
        }
        for (Map<String, Object> p : ports) {
            String protocol = Objects.requireNonNullElse(Yaml.string(p, "protocol"), "TCP");
            Object value = p.get("port");
            if (!"TCP".equals(protocol)) {
                continue;
            }
            if (value == null) {
                return true;
            }
            if (value instanceof Integer number) {
                Object end = p.get("endPort");
                if (number == port || (end instanceof Integer e && port >= number && port <= e)) {
                    return true;
                }
            } else if (Integer.valueOf(port).equals(portOwner.namedPorts().get(String.valueOf(value)))) {
                return true;
            }
        }
        return false;
    }

    static boolean selectorMatches(Map<String, Object> selector, Map<String, String> labels) {
        Map<String, String> matchLabels = Yaml.labels(selector, "matchLabels");
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Map<String, Object> expression : Yaml.list(selector, "matchExpressions")) {
            String key = Yaml.string(expression, "key");
            String operator = Yaml.string(expression, "operator");
            List<?> values = (List<?>) Yaml.at(expression, "values").orElse(List.of());
            boolean matches = switch (operator) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> throw new AssertionError("unknown selector operator " + operator);
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }
}
