package org.unionaid.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The whole system for one test run: PostgreSQL (embedded, or the server named by PGHOST...) with
 * a database and owner per service, and the four real apps started from their quarkus-run.jar as
 * child processes on free ports, configured as deploy/local/run.sh configures them.
 */
final class TheSystem implements AutoCloseable {

    static final String[] SERVICES = {"aid-registry-service", "disbursement-service", "reporting-service", "gateway"};
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    final Path root;
    final Path logs;
    final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> environments = new HashMap<>();
    /** Set before start(): given to every app after its own settings (e.g. another token issuer). */
    final Map<String, String> extraEnvironment = new HashMap<>();
    private final List<String> databases = new ArrayList<>();
    private EmbeddedPostgres embedded;
    private String adminUrl;
    private String adminUser;
    private String adminPassword;
    private final Thread shutdownHook = new Thread(this::stopProcesses, "e2e-stop");

    TheSystem(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.logs = Path.of("target/e2e-logs").toAbsolutePath();
    }

    /** Fails with a clear message when a jar is missing: nothing is skipped silently. */
    void checkBuilt() {
        List<String> missing = new ArrayList<>();
        for (String service : SERVICES) {
            if (!Files.isRegularFile(jar(service))) {
                missing.add(jar(service).toString());
            }
        }
        if (!Files.isRegularFile(datagen())) {
            missing.add(datagen().toString());
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The end-to-end tests need the packaged apps; missing " + missing
                    + ". Build them first (mvn package -DskipTests -pl aid-registry-service,disbursement-service,"
                    + "reporting-service,gateway,tools/datagen) or run the whole reactor (mvn verify).");
        }
    }

    void start() throws Exception {
        checkBuilt();
        Files.createDirectories(logs);
        for (String service : SERVICES) {
            Files.deleteIfExists(logs.resolve(service + ".log"));
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        startPostgres();
        for (String service : SERVICES) {
            // a caller may have chosen a port before start() (one another process must know first)
            ports.putIfAbsent(service, freePort());
        }
        String keys = root.resolve("deploy/local/keys").toString();
        SecureRandom random = new SecureRandom();
        for (String service : SERVICES) {
            Map<String, String> env = new HashMap<>();
            env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(service)));
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            env.put("JWT_ISSUER", "union-aid-local");
            env.put("JWT_PUBLIC_KEY_LOCATION", keys + "/dev-public.pem");
            env.put("SERVICE_TOKEN_PUBLIC_KEY_LOCATION", keys + "/service-public.pem");
            if (!service.equals("gateway")) {
                env.put("SERVICE_TOKEN_KEY_LOCATION", keys + "/service-private.pem");
            }
            env.put("PUBLIC_BASE_URL", url("gateway"));
            env.put("REGISTRY_URL", url("aid-registry-service"));
            env.put("DISBURSEMENT_URL", url("disbursement-service"));
            env.put("REPORTING_URL", url("reporting-service"));
            env.put("QUARKUS_OTEL_SDK_DISABLED", "true");
            env.put("QUARKUS_LOG_FILE_ENABLED", "false");
            String database = switch (service) {
                case "aid-registry-service" -> "registry";
                case "disbursement-service" -> "disbursement";
                case "reporting-service" -> "reporting";
                default -> null;
            };
            if (database != null) {
                String name = createDatabase(database);
                env.put("DB_URL", adminUrl.replaceFirst("/postgres(\\?|$)", "/" + name + "$1"));
                env.put("DB_USER", name);
                env.put("DB_PASSWORD", name);
                // evidence documents under target/, never in the checkout's data/ (the services' local default)
                env.put("DOCUMENTS_FOLDER", root.resolve("e2e-tests/target/documents/" + name).toString());
            }
            if (service.equals("aid-registry-service")) {
                env.put("ID_DATA_KEY", key(random));
                env.put("ID_BLIND_INDEX_KEY", key(random));
                // A public notice runs for days from when it is recorded; the story cannot wait them out.
                env.put("REGISTRY_FILES_PUBLIC_NOTICE_DAYS", "0");
            }
            if (service.equals("disbursement-service")) {
                env.put("DETAILS_DATA_KEY", key(random));
            }
            if (service.equals("reporting-service")) {
                env.put("FEEDS_POLL_INTERVAL", "300ms");
            }
            if (service.equals("gateway")) {
                env.put("GATEWAY_RATE_LIMIT_RPS", "5");
                env.put("GATEWAY_RATE_LIMIT_BURST", "20");
                env.put("GATEWAY_CORS_ORIGINS", E2e.ALLOWED_ORIGIN);
                // A frozen service is a 504 after this; long enough for any real answer on a busy machine.
                env.put("GATEWAY_UPSTREAM_TIMEOUT", "12s");
            }
            env.putAll(extraEnvironment);
            environments.put(service, env);
            launch(service);
        }
        for (String service : SERVICES) {
            awaitReady(service);
        }
    }

    /**
     * Before start(): chooses the gateway's port, starts (or joins) the shared Keycloak with that
     * console origin let in, and has every app trust its issuer and JWKS and the console sign in there.
     */
    org.unionaid.testsupport.KeycloakServer trustKeycloak() throws IOException {
        ports.put("gateway", freePort());
        var keycloak = org.unionaid.testsupport.KeycloakServer.shared(url("gateway"));
        extraEnvironment.put("JWT_ISSUER", keycloak.issuer());
        extraEnvironment.put("JWT_PUBLIC_KEY_LOCATION", keycloak.jwksUrl());
        extraEnvironment.put("CONSOLE_ISSUER", keycloak.issuer());
        return keycloak;
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** Sends a signal to one app: STOP freezes it (connections are accepted, nothing is answered), KILL ends it at once. */
    void signal(String service, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(processes.get(service).pid())).start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + service + " failed");
        }
        if (signal.equals("KILL")) {
            processes.get(service).waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts a killed app again, with the same environment, and waits until it is ready. */
    void restart(String service) throws Exception {
        launch(service);
        awaitReady(service);
    }

    private void launch(String service) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar(service).toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(service + ".log").toFile()));
        pb.environment().putAll(environments.get(service));
        processes.put(service, pb.start());
    }

    private void awaitReady(String service) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Process p = processes.get(service);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(service + " exited with " + p.exitValue() + " before it was ready:\n" + tail(service));
            }
            if (status(url(service) + "/q/health/ready") == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service + " was not ready within " + READY_TIMEOUT.toSeconds() + "s:\n" + tail(service));
    }

    String tail(String service) {
        try {
            List<String> lines = Files.readAllLines(logs.resolve(service + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int status(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            int status = c.getResponseCode();
            c.disconnect();
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    Path datagen() {
        return root.resolve("tools/datagen/target/datagen.jar");
    }

    /** The environment an app was started with (DB_URL, DB_USER, ...). */
    Map<String, String> env(String service) {
        return environments.get(service);
    }

    /** Runs the demo data generator against this system; returns its exit code, its output in the log folder. */
    int runDatagen(Path output, String... options) throws IOException, InterruptedException {
        Map<String, String> db = env("disbursement-service");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", datagen().toString(), "--token-cmd", root.resolve("deploy/local/token.sh").toString(),
                "--registry-url", url("aid-registry-service"), "--disbursement-url", url("disbursement-service"),
                "--gateway-url", url("gateway"), "--db-url", db.get("DB_URL"), "--db-user", db.get("DB_USER"),
                "--db-password", db.get("DB_PASSWORD"), "--out", demoOutput().toString()));
        command.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // It writes applications' details sealed with disbursement's key, as run.sh --demo gives it.
        pb.environment().put("DETAILS_DATA_KEY", db.get("DETAILS_DATA_KEY"));
        Process p = pb.start();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("datagen did not finish within 150 s; see " + output);
        }
        return p.exitValue();
    }

    /**
     * Runs an app's jar as a command ({@code java -jar quarkus-run.jar ARGS}) with the app's environment, changed by
     * {@code changes} (a null value removes the variable); returns its exit code, its output in the log folder.
     */
    int runCommand(String service, Map<String, String> changes, String log, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar(service).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(logs.resolve(log).toFile());
        pb.environment().putAll(environments.get(service));
        changes.forEach((name, value) -> {
            if (value == null) {
                pb.environment().remove(name);
            } else {
                pb.environment().put(name, value);
            }
        });
        Process p = pb.start();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", args) + " of " + service + " did not finish within 150 s; see "
                    + logs.resolve(log));
        }
        return p.exitValue();
    }

    /** Where datagen writes what the demo leaves to post (the bank's result of the SENT bank file). */
    Path demoOutput() {
        return logs.resolve("demo");
    }

    private Path jar(String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private void startPostgres() throws IOException {
        String host = System.getenv("PGHOST");
        if (host != null && !host.isBlank()) {
            adminUser = envOr("PGUSER", "postgres");
            adminPassword = envOr("PGPASSWORD", "");
            adminUrl = "jdbc:postgresql://" + host + ":" + envOr("PGPORT", "5432") + "/postgres";
        } else {
            embedded = EmbeddedPostgres.builder().start();
            adminUser = "postgres";
            adminPassword = "postgres";
            adminUrl = embedded.getJdbcUrl("postgres", "postgres");
        }
    }

    /** A database owned by a login role of the same name (password = name), as the local run makes them. */
    private String createDatabase(String base) throws SQLException {
        String name = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_" + base;
        execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "'");
        execute("CREATE DATABASE " + name + " OWNER " + name);
        databases.add(name);
        return name;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String key(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private void stopProcesses() {
        List<String> order = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(order);
        for (String service : order) {
            processes.get(service).destroy();
        }
        for (String service : order) {
            Process p = processes.get(service);
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    @Override
    public void close() throws Exception {
        stopProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        if (embedded != null) {
            embedded.close();
        } else if (adminUrl != null) {
            for (String name : databases) {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                execute("DROP ROLE IF EXISTS " + name);
            }
        }
    }
}
