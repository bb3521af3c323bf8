package org.unionaid.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak for tests: the server distribution unpacked and built once under
 * {@code target/keycloak/} ({@link KeycloakDistribution}), then started per test run on free ports
 * with the realm {@code union-aid} of {@code deploy/keycloak/union-aid-realm.json} imported into a
 * fresh database, and stopped by {@link #close()}.
 * <p>
 * Keycloak needs Java 21+ ({@link KeycloakJdk}). {@link #unavailable()} says what is missing
 * (no such JDK, no zip), so a test can skip with that one line.
 * <p>
 * Measured on a 2-core machine shared with other builds (load 9-14): unpack 2 s, build 26-28 s
 * (once per {@code target/}), start with the realm imported 24 s on a fresh H2 file against 41-54 s
 * on a fresh PostgreSQL database (its schema is created on the first start), so tests use H2.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String VERSION = "26.4.7";
    public static final String REALM = "union-aid";
    /** The public client of the staff console. */
    public static final String CONSOLE_CLIENT = "union-aid-console";
    /** Keycloak's key id of the local development key, the realm's signing key (README of deploy/keycloak). */
    public static final String DEV_KEY_ID = "w79ILcaNiHfqkE5FkUT2_7TsrlgdPCqOEYJ8PAAzGdk";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("keycloak.ready-timeout-seconds", 300));
    private static final String ADMIN_USER = "test-admin";
    private static KeycloakServer shared;

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final String adminPassword;
    private Duration startTime;

    private KeycloakServer(Process process, int port, int managementPort, Path log, String adminPassword) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.adminPassword = adminPassword;
    }

    /** Why Keycloak cannot run here (no JDK 21+, no distribution zip), or empty when it can. */
    public static Optional<String> unavailable() {
        if (KeycloakJdk.home().isEmpty()) {
            return Optional.of("Keycloak " + VERSION + " needs Java 21+: none found (KEYCLOAK_JAVA_HOME, java.home, /usr/lib/jvm/*)");
        }
        if (!Files.isRegularFile(KeycloakDistribution.zip())) {
            return Optional.of("the Keycloak distribution is not in the local Maven repository: " + KeycloakDistribution.zip()
                    + " (the module's test dependency org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip brings it)");
        }
        return Optional.empty();
    }

    /**
     * One Keycloak for the whole test JVM, started on first use and stopped when the JVM ends, for
     * suites that share it (one start per suite). {@code consoleOrigin} (e.g. http://127.0.0.1:41234,
     * or null) is let in as a redirect URI and web origin of the console client, also when another
     * suite started it ({@link #allowConsoleOrigin}).
     */
    public static synchronized KeycloakServer shared(String consoleOrigin) {
        if (shared == null || !shared.process.isAlive()) {
            shared = start(consoleOrigin);
            KeycloakServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keycloak-stop"));
        } else if (consoleOrigin != null && !consoleOrigin.isBlank()) {
            shared.allowConsoleOrigin(consoleOrigin);
        }
        return shared;
    }

    /**
     * Adds an origin to the console client's web origins and {@code origin/*} to its redirect URIs,
     * through the admin API (the test server's own bootstrap admin of the master realm).
     */
    public void allowConsoleOrigin(String origin) {
        new RealmAdmin(url(), ADMIN_USER, adminPassword).allowOrigin(REALM, CONSOLE_CLIENT, origin);
    }

    /** Starts a Keycloak of its own; the caller closes it. Throws with a clear message when {@link #unavailable()}. */
    public static KeycloakServer start(String consoleOrigin) {
        unavailable().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        try {
            Path work = Path.of("target", "keycloak").toAbsolutePath();
            Files.createDirectories(work);
            Path home = KeycloakDistribution.prepared(work, READY_TIMEOUT);
            Path data = home.resolve("data");
            KeycloakDistribution.deleteTree(data.resolve("h2"));
            Files.createDirectories(data.resolve("import"));
            try (InputStream realm = resource("keycloak/union-aid-realm.json")) {
                Files.copy(realm, data.resolve("import/union-aid-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
            int port = freePort();
            int managementPort = freePort();
            Path log = work.resolve("keycloak.log");
            ProcessBuilder pb = KeycloakDistribution.command(home, "start", "--optimized", "--http-enabled=true", "--http-host=127.0.0.1",
                    "--http-port=" + port, "--http-management-port=" + managementPort,
                    "--hostname=http://127.0.0.1:" + port, "--import-realm")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("UNION_AID_DEV_PRIVATE_KEY", devPrivateKey());
            if (consoleOrigin != null && !consoleOrigin.isBlank()) {
                pb.environment().put("UNION_AID_CONSOLE_ORIGIN", consoleOrigin);
            }
            // the master realm's admin of this test server only (allowConsoleOrigin)
            String adminPassword = UUID.randomUUID().toString();
            pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            long started = System.nanoTime();
            KeycloakServer server = new KeycloakServer(pb.start(), port, managementPort, log, adminPassword);
            try {
                server.awaitReady();
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
            server.startTime = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("Keycloak %s ready at %s in %.1f s (log: %s)%n", VERSION, server.url(),
                    server.startTime.toMillis() / 1000.0, log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak", e);
        }
    }

    /** Keycloak's own URL, e.g. http://127.0.0.1:41234. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The iss of the realm's tokens. */
    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    /** The realm's public keys: what services verify tokens with. */
    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public String authorizationEndpoint() {
        return issuer() + "/protocol/openid-connect/auth";
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** From the process start to ready, the realm imported. */
    public Duration startTime() {
        return startTime;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " before it was ready:\n" + tail());
            }
            if (status("http://127.0.0.1:" + managementPort + "/health/ready") == 200
                    && status(issuer() + "/.well-known/openid-configuration") == 200) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException("Keycloak was not ready within " + READY_TIMEOUT.toSeconds() + " s:\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** The base64 body of the local development key's PEM, as the realm file's key provider reads it. */
    private static String devPrivateKey() throws IOException {
        try (InputStream pem = resource("keys/dev-private.pem")) {
            String text = new String(pem.readAllBytes(), StandardCharsets.US_ASCII);
            return text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        }
    }

    private static InputStream resource(String name) {
        InputStream in = KeycloakServer.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("test-support resource " + name + " is missing");
        }
        return in;
    }

    private static int status(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(3000);
            int status = c.getResponseCode();
            c.disconnect();
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }
}
