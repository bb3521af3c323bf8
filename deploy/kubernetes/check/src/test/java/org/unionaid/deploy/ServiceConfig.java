package org.unionaid.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's src/main/resources/application.properties says that the manifests must
 * agree with: its name, its port, the environment variables it reads and their defaults.
 * Keys of the test and dev profiles are left out; {@code %prod.} keys count.
 */
final class ServiceConfig {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    final String module;
    final Path moduleDir;
    final Map<String, String> properties;
    /** Environment variable to its default; a null default means the service cannot start without it. */
    final Map<String, String> envReferences;

    private ServiceConfig(String module, Path moduleDir, Map<String, String> properties, Map<String, String> envReferences) {
        this.module = module;
        this.moduleDir = moduleDir;
        this.properties = properties;
        this.envReferences = envReferences;
    }

    static ServiceConfig read(Path root, String module) {
        Path moduleDir = root.resolve(module);
        Path file = moduleDir.resolve("src/main/resources/application.properties");
        Properties raw = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        // union-aid-common's META-INF/microprofile-config.properties holds settings every service that
        // depends on it reads (the service-token public key, the public base URL, token policy)
        Path common = root.resolve("common/src/main/resources/META-INF/microprofile-config.properties");
        if (dependsOnCommon(moduleDir) && Files.exists(common)) {
            Properties shared = new Properties();
            try (Reader reader = Files.newBufferedReader(common, StandardCharsets.UTF_8)) {
                shared.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + common, e);
            }
            for (String key : shared.stringPropertyNames()) {
                if (!raw.containsKey(key)) {
                    raw.setProperty(key, shared.getProperty(key));
                }
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : raw.stringPropertyNames()) {
            if (key.startsWith("%prod.")) {
                properties.put(key.substring("%prod.".length()), raw.getProperty(key));
            } else if (!key.startsWith("%")) {
                properties.putIfAbsent(key, raw.getProperty(key));
            }
        }
        Map<String, String> references = new LinkedHashMap<>();
        for (String value : properties.values()) {
            Matcher m = ENV_REFERENCE.matcher(value);
            while (m.find()) {
                references.put(m.group(1), m.group(2));
            }
        }
        return new ServiceConfig(module, moduleDir, properties, references);
    }

    String applicationName() {
        return Optional.ofNullable(properties.get("quarkus.application.name"))
                .orElseThrow(() -> new AssertionError(module + ": quarkus.application.name is not set"));
    }

    int httpPort() {
        return Integer.parseInt(properties.getOrDefault("quarkus.http.port", "8080").trim());
    }

    /** Whether Quarkus serves /q (health, metrics) on a management port of its own. */
    boolean managementEnabled() {
        return Boolean.parseBoolean(properties.getOrDefault("quarkus.management.enabled", "false").trim());
    }

    /** The port of /q/metrics and /q/health: the management port when enabled (default 9000), else the HTTP port. */
    int managementPort() {
        return managementEnabled() ? Integer.parseInt(properties.getOrDefault("quarkus.management.port", "9000").trim()) : httpPort();
    }

    private static boolean dependsOnCommon(Path moduleDir) {
        try {
            return Files.readString(moduleDir.resolve("pom.xml")).contains("<artifactId>union-aid-common</artifactId>");
        } catch (IOException e) {
            return false;
        }
    }

    boolean usesDatabase() {
        return envReferences.containsKey("DB_URL");
    }

    /** The database name in the local default of DB_URL (jdbc:postgresql://localhost:5432/registry gives registry). */
    String localDatabaseName() {
        String url = envReferences.get("DB_URL");
        if (url == null) {
            throw new AssertionError(module + ": DB_URL has no local default to take the database name from");
        }
        String path = url.substring(url.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** The environment variable forms of the properties this service sets (quarkus.http.port gives QUARKUS_HTTP_PORT). */
    Set<String> propertyEnvNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String key : properties.keySet()) {
            names.add(envName(key));
        }
        return names;
    }

    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    Path dockerfile() {
        return moduleDir.resolve("src/main/docker/Dockerfile.jvm");
    }
}
