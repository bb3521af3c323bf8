package org.unionaid.localpg;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * The PostgreSQL of a local run (deploy/local/run.sh), for machines that have only a JDK.
 *
 * <pre>
 * embedded DATA_DIR DATABASE...   start PostgreSQL on LOCAL_PG_PORT (default 5432) with its data in
 *                                 DATA_DIR, kept between runs; create the databases; run until
 *                                 stopped (SIGTERM or SIGINT stops PostgreSQL cleanly)
 * external DATABASE...            create the databases on the server named by PGHOST, PGPORT,
 *                                 PGUSER, PGPASSWORD, then exit
 * </pre>
 *
 * Prints {@value #READY} once the databases can be used.
 */
public final class LocalPostgres {

    static final String READY = "LOCAL POSTGRES READY";
    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        try {
            if (mode.equals("embedded") && args.length >= 3) {
                runEmbedded(Path.of(args[1]), List.of(args).subList(2, args.length));
            } else if (mode.equals("external") && args.length >= 2) {
                prepareExternal(List.of(args).subList(1, args.length));
            } else {
                System.err.println("usage: LocalPostgres embedded DATA_DIR DATABASE... | external DATABASE...");
                System.exit(2);
            }
        } catch (PortInUseException | SQLException e) {
            LOG.error(e.getMessage());
            System.exit(1);
        }
    }

    private static void runEmbedded(Path dataDirectory, List<String> databases) throws Exception {
        int port = Integer.parseInt(env("LOCAL_PG_PORT", "5432"));
        requireFreePort(port);
        EmbeddedPostgres postgres = start(dataDirectory.toAbsolutePath(), port, ProcessBuilder.Redirect.INHERIT);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres), "local-postgres-stop"));
        Databases.ensure(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", databases);
        System.out.println(READY + " on localhost:" + port + ", databases " + String.join(", ", databases));
        System.out.flush();
        Thread.currentThread().join();
    }

    /** PostgreSQL's own output goes to {@code output}, or through this launcher's log when that is PIPE. */
    static EmbeddedPostgres start(Path dataDirectory, int port, ProcessBuilder.Redirect output) throws IOException {
        Files.createDirectories(dataDirectory.getParent());
        LOG.info("Starting PostgreSQL on port {} with data in {}", port, dataDirectory);
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                // The data is kept between runs: commits are durable, unlike in tests.
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(output)
                .setErrorRedirector(output)
                .start();
    }

    private static void stop(EmbeddedPostgres postgres) {
        LOG.info("Stopping PostgreSQL");
        try {
            postgres.close();
            LOG.info("PostgreSQL stopped");
        } catch (IOException e) {
            LOG.error("Could not stop PostgreSQL cleanly", e);
        }
    }

    private static void prepareExternal(List<String> databases) throws SQLException {
        String host = env("PGHOST", "localhost");
        String port = env("PGPORT", "5432");
        String user = env("PGUSER", "postgres");
        LOG.info("Using the PostgreSQL server at {}:{} as {}", host, port, user);
        Databases.ensure("jdbc:postgresql://" + host + ":" + port + "/postgres", user, env("PGPASSWORD", ""), databases);
        System.out.println(READY + " on " + host + ":" + port + ", databases " + String.join(", ", databases));
    }

    private static void requireFreePort(int port) throws PortInUseException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new PortInUseException("Port " + port + " is in use: stop what uses it, or set LOCAL_PG_PORT"
                    + " (or PGHOST to use an existing server)");
        }
    }

    private static final class PortInUseException extends Exception {
        PortInUseException(String message) {
            super(message);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
