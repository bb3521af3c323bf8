package org.unionaid.testsupport;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Keycloak server distribution ({@code org.keycloak:keycloak-quarkus-dist}, a zip in the local Maven repository):
 * unpacked once under a work folder and built once for an H2 file database ({@code kc.sh build --db=dev-file}), and
 * its {@code kc.sh} run with the JDK 21+ ({@link KeycloakJdk}).
 */
final class KeycloakDistribution {

    private static final String BUILD_OPTIONS = "--db=dev-file --health-enabled=true";

    private KeycloakDistribution() {
    }

    /** -Dkeycloak.dist (the pom sets it from the dependency), else the local Maven repository's copy. */
    static Path zip() {
        String configured = System.getProperty("keycloak.dist");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String repository = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        return Path.of(repository, "org", "keycloak", "keycloak-quarkus-dist", KeycloakServer.VERSION,
                "keycloak-quarkus-dist-" + KeycloakServer.VERSION + ".zip");
    }

    /**
     * The unpacked, built distribution under work/, made once (a lock keeps two test JVMs from doing it together);
     * the build may take up to {@code timeout}.
     */
    static Path prepared(Path work, Duration timeout) throws IOException {
        Path home = work.resolve("keycloak-" + KeycloakServer.VERSION);
        Path built = home.resolve(".union-aid-built");
        try (FileChannel channel = FileChannel.open(work.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (Files.isRegularFile(built) && Files.readString(built).equals(BUILD_OPTIONS)) {
                return home;
            }
            deleteTree(home);
            long started = System.nanoTime();
            unzip(zip(), work);
            Files.walk(home.resolve("bin")).filter(p -> p.toString().endsWith(".sh"))
                    .forEach(p -> p.toFile().setExecutable(true));
            List<String> build = new ArrayList<>(List.of("build"));
            build.addAll(List.of(BUILD_OPTIONS.split(" ")));
            Path buildLog = work.resolve("keycloak-build.log");
            Process p = command(home, build.toArray(String[]::new)).redirectErrorStream(true).redirectOutput(buildLog.toFile()).start();
            try {
                if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException("kc.sh build failed; see " + buildLog);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw new IllegalStateException("interrupted while Keycloak was being built", e);
            }
            Files.writeString(built, BUILD_OPTIONS);
            System.out.printf("Keycloak %s unpacked and built in %.1f s (%s)%n", KeycloakServer.VERSION,
                    (System.nanoTime() - started) / 1e9, home);
            return home;
        }
    }

    /** kc.sh with the JDK 21+ and an environment of its own: no JAVA_OPTS or KC_* settings of the caller's. */
    static ProcessBuilder command(Path home, String... args) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("JAVA_OPTS") || name.equals("JAVA_ADD_OPENS"));
        env.put("JAVA_HOME", KeycloakJdk.home().orElseThrow().toString());
        return pb;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
