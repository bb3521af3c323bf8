package org.unionaid.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JDK 21+ Keycloak runs on: {@code KEYCLOAK_JAVA_HOME}, then the JDK running the tests if it is 21+, then the
 * newest JDK 21+ under {@code /usr/lib/jvm}.
 */
final class KeycloakJdk {

    private static final int REQUIRED = 21;

    private KeycloakJdk() {
    }

    static Optional<Path> home() {
        String configured = System.getenv("KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            return javaVersion(home) >= REQUIRED ? Optional.of(home) : Optional.empty();
        }
        Path running = Path.of(System.getProperty("java.home"));
        if (javaVersion(running) >= REQUIRED) {
            return Optional.of(running);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> javaVersion(home) >= REQUIRED)
                    .max(Comparator.comparingInt(KeycloakJdk::javaVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The feature release of the JDK at home (its release file), 0 when it is not one. */
    private static int javaVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String feature = version.split("[.+-]")[0];
                    return Integer.parseInt(feature);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
