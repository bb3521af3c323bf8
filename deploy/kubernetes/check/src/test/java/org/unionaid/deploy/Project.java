package org.unionaid.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository as the check sees it: the four services' configuration, the kustomizations, the README. */
final class Project {

    static final List<String> MODULES = List.of("aid-registry-service", "disbursement-service", "reporting-service", "gateway");
    static final Path ROOT = Path.of(System.getProperty("union-aid.root", "../../..")).toAbsolutePath().normalize();
    static final Path KUSTOMIZE = ROOT.resolve("deploy/kubernetes");

    private static final Map<String, String> RENDERS = new ConcurrentHashMap<>();

    private Project() {
    }

    /** The services by quarkus.application.name. */
    static Map<String, ServiceConfig> services() {
        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        for (String module : MODULES) {
            ServiceConfig config = ServiceConfig.read(ROOT, module);
            services.put(config.applicationName(), config);
        }
        return services;
    }

    /** base, then every overlay under overlays/ (dev, prod and any other). */
    static List<String> kustomizations() {
        List<String> all = new ArrayList<>(List.of("base"));
        try (Stream<Path> overlays = Files.list(KUSTOMIZE.resolve("overlays"))) {
            overlays.filter(p -> Files.exists(p.resolve("kustomization.yaml")))
                    .map(p -> "overlays/" + p.getFileName()).sorted().forEach(all::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** A fresh, mutable parse of a kustomization's output (rendered once per test run). */
    static Rendered render(String kustomization) {
        String yaml = RENDERS.computeIfAbsent(kustomization, k -> Rendered.kustomize(KUSTOMIZE.resolve(k)));
        return Rendered.parse(Path.of(kustomization).getFileName().toString(), yaml);
    }

    /**
     * The Secrets deploy/kubernetes/README.md tells operators to create, with their keys, read
     * from its {@code kubectl create secret generic|tls NAME --from-file=KEY=... --from-literal=KEY=...}
     * commands (backslash-continued lines joined).
     */
    static Map<String, Set<String>> documentedSecrets() {
        String readme;
        try {
            readme = Files.readString(KUSTOMIZE.resolve("README.md")).replaceAll("\\\\\\r?\\n\\s*", " ");
        } catch (IOException e) {
            throw new UncheckedIOException("deploy/kubernetes/README.md is missing", e);
        }
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        Matcher command = Pattern.compile("create secret (generic|tls) ([a-z0-9][a-z0-9.-]*)([^\\n]*)").matcher(readme);
        while (command.find()) {
            Set<String> keys = secrets.computeIfAbsent(command.group(2), k -> new TreeSet<>());
            if (command.group(1).equals("tls")) {
                keys.addAll(Set.of("tls.crt", "tls.key"));
            }
            Matcher key = Pattern.compile("--from-(?:file|literal)=([A-Za-z0-9._-]+)=").matcher(command.group(3));
            while (key.find()) {
                keys.add(key.group(1));
            }
        }
        return secrets;
    }
}
