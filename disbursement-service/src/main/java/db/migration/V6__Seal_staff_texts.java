package db.migration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.unionaid.disbursement.crypto.DetailsCipher;
import org.unionaid.disbursement.crypto.SealedColumns;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Free texts of staff sealed at rest: an application's reason (approval, rejection, cancellation) and a reversal's
 * reason and reference can name an illness or an income. Each plain varchar column gives way to a bytea column of
 * the same name holding its value sealed by {@link DetailsCipher} with the column's own purpose
 * ({@link SealedColumns}); the rows already there are sealed here, in the migration's one transaction, with the
 * configured key, the plain columns dropped, and check constraints let only sealed values in. Then both tables are
 * rewritten (CLUSTER by their primary keys) so that neither a dropped column's values (PostgreSQL keeps them in the
 * rows until a rewrite; also V3's plain details) nor the row versions from before the sealing stay in their files.
 */
public class V6__Seal_staff_texts extends BaseJavaMigration implements JavaMigration {

    private static final int BATCH = 500;

    /** A column sealed by this migration: table, column and purpose. */
    private record Sealed(String table, String column, String purpose) {
    }

    private static final Sealed[] COLUMNS = {
            new Sealed("application", "reason", SealedColumns.APPLICATION_REASON),
            new Sealed("payout", "reversal_reason", SealedColumns.REVERSAL_REASON),
            new Sealed("payout", "reversal_reference", SealedColumns.REVERSAL_REFERENCE),
    };

    @Override
    public void migrate(Context context) throws Exception {
        String key = ConfigProvider.getConfig().getOptionalValue(DetailsCipher.PROPERTY, String.class).orElse(null);
        seal(context.getConnection(), DetailsCipher.of(Optional.ofNullable(key)));
    }

    /** The migration's work on a connection in a transaction: returns how many values it sealed. */
    public static long seal(Connection db, DetailsCipher cipher) throws SQLException {
        long sealed = 0;
        for (Sealed c : COLUMNS) {
            sealed += seal(db, cipher, c);
        }
        try (Statement ddl = db.createStatement()) {
            // Dropping reversal_reference dropped the check that names it: the same rule again.
            ddl.execute("ALTER TABLE payout ADD CONSTRAINT payout_reversal_complete"
                    + " CHECK ((status = 'REVERSED') = (reversed_at IS NOT NULL AND reversal_reference IS NOT NULL))");
            ddl.execute("CLUSTER application USING application_pkey");
            ddl.execute("CLUSTER payout USING payout_pkey");
        }
        return sealed;
    }

    private static long seal(Connection db, DetailsCipher cipher, Sealed c) throws SQLException {
        String plain = c.column() + "_plain";
        try (Statement ddl = db.createStatement()) {
            ddl.execute("ALTER TABLE " + c.table() + " RENAME COLUMN " + c.column() + " TO " + plain);
            ddl.execute("ALTER TABLE " + c.table() + " ADD COLUMN " + c.column() + " bytea");
        }
        long sealed = 0;
        try (Statement read = db.createStatement();
             PreparedStatement write = db.prepareStatement("UPDATE " + c.table() + " SET " + c.column() + " = ? WHERE id = ?")) {
            read.setFetchSize(BATCH);
            try (ResultSet rows = read.executeQuery("SELECT id, " + plain + " FROM " + c.table() + " WHERE " + plain + " IS NOT NULL")) {
                while (rows.next()) {
                    write.setBytes(1, cipher.seal(rows.getString(2).getBytes(StandardCharsets.UTF_8), c.purpose()));
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
            ddl.execute("ALTER TABLE " + c.table() + " DROP COLUMN " + plain);
            ddl.execute("ALTER TABLE " + c.table() + " ADD CONSTRAINT " + c.table() + "_" + c.column() + "_sealed CHECK ("
                    + c.column() + " IS NULL OR (get_byte(" + c.column() + ", 0) = 1 AND octet_length(" + c.column() + ") >= 29))");
        }
        return sealed;
    }
}
