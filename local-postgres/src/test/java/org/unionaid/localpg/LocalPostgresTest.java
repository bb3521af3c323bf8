package org.unionaid.localpg;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static java.lang.ProcessBuilder.Redirect.PIPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalPostgresTest {

    private static final List<String> SERVICE_DATABASES = List.of("registry", "disbursement", "reporting");

    @TempDir
    Path work;

    @Test
    void keepsDatabasesAndTheirRowsFromOneRunToTheNext() throws Exception {
        Path data = work.resolve("pg");
        int port = freePort();

        try (EmbeddedPostgres first = LocalPostgres.start(data, port, PIPE)) {
            Databases.ensure(adminUrl(first), "postgres", "", SERVICE_DATABASES);
            execute(port, "registry", "CREATE TABLE station (code text PRIMARY KEY)");
            execute(port, "registry", "INSERT INTO station VALUES ('S-001')");
        }

        try (EmbeddedPostgres second = LocalPostgres.start(data, port, PIPE)) {
            Databases.ensure(adminUrl(second), "postgres", "", SERVICE_DATABASES);
            assertEquals("S-001", queryOne(port, "registry", "SELECT string_agg(code, ',') FROM station"));
        }
    }

    @Test
    void givesEachServiceADatabaseItOwnsAndLogsIntoWithItsName() throws Exception {
        int port = freePort();
        try (EmbeddedPostgres postgres = LocalPostgres.start(work.resolve("pg"), port, PIPE)) {
            Databases.ensure(adminUrl(postgres), "postgres", "", SERVICE_DATABASES);
            Databases.ensure(adminUrl(postgres), "postgres", "", SERVICE_DATABASES);

            for (String name : SERVICE_DATABASES) {
                assertEquals(name + " " + name, queryOne(port, name,
                        "SELECT current_user || ' ' || pg_get_userbyid(datdba) FROM pg_database"
                                + " WHERE datname = current_database()"));
            }
            assertEquals("3", queryOne(port, "postgres",
                    "SELECT count(*) FROM pg_database WHERE datname IN ('registry', 'disbursement', 'reporting')"));
        }
    }

    @Test
    void refusesDatabaseNamesThatAreNotPlainIdentifiers() {
        assertThrows(IllegalArgumentException.class, () -> Databases.ensure(
                "jdbc:postgresql://localhost:1/postgres", "postgres", "", List.of("registry; DROP ROLE postgres")));
    }

    private static String adminUrl(EmbeddedPostgres postgres) {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    private static Connection connect(int port, String database) throws SQLException {
        String user = database.equals("postgres") ? "postgres" : database;
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, user, user);
    }

    private static void execute(int port, String database, String sql) throws SQLException {
        try (Connection c = connect(port, database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String queryOne(int port, String database, String sql) throws SQLException {
        try (Connection c = connect(port, database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
