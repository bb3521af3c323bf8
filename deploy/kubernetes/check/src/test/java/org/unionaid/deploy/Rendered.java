package org.unionaid.deploy;

import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The objects one kustomization renders to, as plain maps. */
final class Rendered {

    /** kubectl to run: {@code -Dunion-aid.kubectl=/path/to/kubectl} when it is not on the PATH. */
    private static final String KUBECTL = System.getProperty("union-aid.kubectl", "kubectl");

    final String overlay;
    final List<Map<String, Object>> objects;

    private Rendered(String overlay, List<Map<String, Object>> objects) {
        this.overlay = overlay;
        this.objects = objects;
    }

    /** Said once per run (not once per test) when kubectl is missing. */
    static final String MISSING = "kubectl not found: the Kubernetes manifest checks are skipped";
    private static volatile Boolean available;

    /** Whether {@code kubectl} runs here; asked once. */
    static boolean kubectlAvailable() {
        if (available == null) {
            synchronized (Rendered.class) {
                if (available == null) {
                    boolean runs;
                    try {
                        Process p = new ProcessBuilder(KUBECTL, "version", "--client").redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                        runs = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
                    } catch (IOException e) {
                        runs = false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        runs = false;
                    }
                    if (!runs) {
                        System.err.println("[WARNING] " + MISSING + " (install kubectl 1.27+ or pass -Dunion-aid.kubectl=<path>; CI runs them)");
                    }
                    available = runs;
                }
            }
        }
        return available;
    }

    /**
     * Runs {@code kubectl kustomize dir}. Without kubectl the calling test is skipped (a JUnit assumption,
     * {@link #MISSING}), so {@code mvn verify} passes on a machine with only a JDK and Maven.
     */
    static String kustomize(Path dir) {
        Assumptions.assumeTrue(kubectlAvailable(), MISSING);
        ProcessBuilder builder = new ProcessBuilder(KUBECTL, "kustomize", dir.toString());
        Process process;
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            builder.redirectError(errors.toFile());
            process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish within 120 s");
            }
            String err = Files.readString(errors);
            Files.deleteIfExists(errors);
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + err);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("The manifest check needs kubectl (1.27+, with its built-in kustomize) on the PATH "
                    + "(or -Dunion-aid.kubectl=<path>); could not run " + KUBECTL + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + dir, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Rendered parse(String overlay, String yaml) {
        var loader = new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : loader.loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                objects.add((Map<String, Object>) map);
            }
        }
        return new Rendered(overlay, objects);
    }

    List<Map<String, Object>> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return all(kind).stream().filter(o -> name.equals(Yaml.string(o, "metadata.name"))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    boolean isProduction() {
        return overlay.startsWith("prod");
    }

    boolean isDevelopment() {
        return overlay.startsWith("dev");
    }
}
