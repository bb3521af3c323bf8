package db.migration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.unionaid.disbursement.crypto.DetailsCipher;
import org.unionaid.disbursement.crypto.SealedDetails;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Application details encrypted at rest. The plain jsonb column gives way to a bytea column of sealed
 * values (see {@link DetailsCipher}); the rows already there are sealed here, in the migration's one
 * transaction, with the key of the configuration, so that no plaintext stays behind and no code has
 * to read a legacy column. NULL means "no details" (SQL writers such as the bench leave it out); the
 * check stands behind the rule that only sealed values (format byte 1, nonce, tag) are stored.
 */
// In the package of the migrations' location (db/migration): Quarkus runs the Java migrations found there.
// "implements JavaMigration" again: Quarkus finds them as indexed implementors of the interface, and
// BaseJavaMigration (in flyway-core) is not in the index.
public class V3__Seal_application_details extends BaseJavaMigration implements JavaMigration {

    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws Exception {
        String key = ConfigProvider.getConfig().getOptionalValue(DetailsCipher.PROPERTY, String.class).orElse(null);
        seal(context.getConnection(), DetailsCipher.of(java.util.Optional.ofNullable(key)));
    }

    /** The migration's work on a connection in a transaction: returns how many rows it sealed. */
    public static long seal(Connection db, DetailsCipher cipher) throws SQLException {
        try (Statement ddl = db.createStatement()) {
            ddl.execute("ALTER TABLE application RENAME COLUMN details TO details_plain");
            ddl.execute("ALTER TABLE application ADD COLUMN details bytea");
        }
        long sealed = 0;
        try (Statement read = db.createStatement();
             PreparedStatement write = db.prepareStatement("UPDATE application SET details = ? WHERE id = ?")) {
            read.setFetchSize(BATCH);
            try (ResultSet rows = read.executeQuery(
                    "SELECT id, details_plain::text FROM application WHERE details_plain IS NOT NULL")) {
                while (rows.next()) {
                    write.setBytes(1, cipher.seal(rows.getString(2).getBytes(StandardCharsets.UTF_8), SealedDetails.PURPOSE));
                    write.setLong(2, rows.getLong(1));
                    write.addBatch();
                    if (++sealed % BATCH == 0) {
                        write.executeBatch();
                    }
                }
            }
            write.executeBatch();
        }
        try (Statement ddl = db.createStatement()) {
            ddl.execute("ALTER TABLE application DROP COLUMN details_plain");
            ddl.execute("ALTER TABLE application ADD CONSTRAINT application_details_sealed"
                    + " CHECK (details IS NULL OR (get_byte(details, 0) = 1 AND octet_length(details) >= 29))");
        }
        return sealed;
    }
}
