package org.unionaid.localpg;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The databases of a local run: one per service, owned by a login role of the same name
 * whose password is that name too (local development only). Creates what is missing and
 * leaves what exists alone, so every run may call it.
 */
final class Databases {

    private static final Logger LOG = LoggerFactory.getLogger(Databases.class);
    /** Names go into DDL, which takes no bind parameters: only plain identifiers pass. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private Databases() {
    }

    static void ensure(String adminUrl, String user, String password, List<String> names) throws SQLException {
        names.forEach(Databases::requirePlainName);
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password)) {
            for (String name : names) {
                if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                    execute(connection, "CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "'");
                    LOG.info("Created role {}", name);
                }
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                    execute(connection, "CREATE DATABASE " + name + " OWNER " + name);
                    LOG.info("Created database {}", name);
                }
            }
        }
    }

    private static void requirePlainName(String name) {
        if (!PLAIN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
