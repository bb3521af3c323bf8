package org.unionaid.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for one test run, with a database of its own.
 * Uses the server named by PGHOST/PGPORT/PGUSER/PGPASSWORD when PGHOST is set,
 * otherwise starts an embedded one that lives as long as the test run.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres embedded;
    private String adminUrl;
    private String user;
    private String password;
    private String database;

    @Override
    public Map<String, String> start() {
        String host = System.getenv("PGHOST");
        try {
            if (host != null && !host.isBlank()) {
                String port = envOr("PGPORT", "5432");
                user = envOr("PGUSER", "postgres");
                password = envOr("PGPASSWORD", "");
                adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
            } else {
                embedded = EmbeddedPostgres.builder().start();
                user = "postgres";
                password = "postgres";
                adminUrl = embedded.getJdbcUrl("postgres", "postgres");
            }
            database = "ua_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            execute("CREATE DATABASE " + database);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start PostgreSQL for the tests", e);
        }
        String url = adminUrl.replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    @Override
    public void stop() {
        try {
            if (embedded != null) {
                embedded.close();
            } else if (database != null) {
                execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not stop PostgreSQL after the tests", e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
