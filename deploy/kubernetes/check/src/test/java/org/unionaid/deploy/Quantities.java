package org.unionaid.deploy;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ("250m", "512Mi") and Quarkus durations ("20s", "PT20S", "20"). */
final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile("([0-9.]+)([a-zA-Z]*)");
    private static final Map<String, Double> FACTORS = Map.ofEntries(
            Map.entry("", 1d), Map.entry("m", 1e-3), Map.entry("k", 1e3), Map.entry("M", 1e6), Map.entry("G", 1e9),
            Map.entry("T", 1e12), Map.entry("Ki", 1024d), Map.entry("Mi", 1024d * 1024), Map.entry("Gi", 1024d * 1024 * 1024),
            Map.entry("Ti", 1024d * 1024 * 1024 * 1024));

    private Quantities() {
    }

    static double parse(String quantity) {
        Matcher m = QUANTITY.matcher(quantity.trim());
        if (!m.matches() || !FACTORS.containsKey(m.group(2))) {
            throw new AssertionError("not a Kubernetes quantity: " + quantity);
        }
        return Double.parseDouble(m.group(1)) * FACTORS.get(m.group(2));
    }

    static Duration duration(String value) {
        String v = value.trim();
        if (v.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        if (v.matches("\\d+ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.matches("\\d+[smhd]")) {
            return Duration.parse((v.endsWith("d") ? "P" : "PT") + v.toUpperCase());
        }
        return Duration.parse(v);
    }
}
