package org.unionaid.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small, null-safe navigation in the maps and lists that SnakeYAML gives. */
final class Yaml {

    private Yaml() {
    }

    /** The value at a dotted path ("spec.template.spec"), or empty when any step is missing. */
    static Optional<Object> at(Object node, String path) {
        Object current = node;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            current = map.get(step);
        }
        return Optional.ofNullable(current);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String path) {
        return at(node, path).filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object node, String path) {
        Object value = at(node, path).orElse(List.of());
        List<Map<String, Object>> result = new ArrayList<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?>) {
                    result.add((Map<String, Object>) item);
                }
            }
        }
        return result;
    }

    static String string(Object node, String path) {
        return at(node, path).map(String::valueOf).orElse(null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> labels(Object node, String path) {
        return (Map<String, String>) (Map<?, ?>) map(node, path);
    }
}
