package db.migration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.unionaid.common.crypto.SealedValues;
import org.unionaid.registry.crypto.SealedColumns;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The head's phone number and every free text of a file (why it was moved, a check's note, a history entry's
 * reason) were kept in the clear; a note may say "家中有重病患者", a reason that the spouse needs dialysis.
 * Each becomes a sealed bytea column of its own purpose ({@link SealedColumns}); the rows already there are
 * sealed here with the configured data key, in the migration's one transaction, the plain columns dropped and
 * the three tables rewritten (CLUSTER), so that the dropped values and the row versions before the sealing do
 * not stay in the table's files either. file_event gets a sealed note_enc for reviews' notes (dropped until now).
 */
// In the package of the migrations' location (db/migration): Quarkus runs the Java migrations found there.
// "implements JavaMigration" again: Quarkus finds them as indexed implementors of the interface.
public class V4__Seal_phones_reasons_and_notes extends BaseJavaMigration implements JavaMigration {

    public static final String KEY_PROPERTY = "registry.crypto.data-key";
    private static final int BATCH = 500;

    /** A plain column, the sealed column that replaces it, and the purpose it is sealed for. */
    private record Replaced(String table, String plain, String sealed, String purpose) {
    }

    private static final List<Replaced> REPLACED = List.of(
            new Replaced("hardship_file", "phone", "phone_enc", SealedColumns.PHONE),
            new Replaced("hardship_file", "status_reason", "status_reason_enc", SealedColumns.STATUS_REASON),
            new Replaced("file_check", "note", "note_enc", SealedColumns.CHECK_NOTE),
            new Replaced("file_event", "reason", "reason_enc", SealedColumns.EVENT_REASON));

    @Override
    public void migrate(Context context) throws Exception {
        String key = ConfigProvider.getConfig().getOptionalValue(KEY_PROPERTY, String.class).orElse(null);
        if (key == null || key.isBlank()) {
            throw new IllegalStateException(KEY_PROPERTY + " is not set: give ID_DATA_KEY a base64 key of 32 bytes");
        }
        seal(context.getConnection(), SealedValues.of(SealedValues.key(key, KEY_PROPERTY + " (ID_DATA_KEY)")));
    }

    /** The migration's work on a connection in a transaction (tables of the search path): the values it sealed. */
    public static long seal(Connection db, SealedValues sealer) throws SQLException {
        try (Statement ddl = db.createStatement()) {
            for (Replaced column : REPLACED) {
                ddl.execute("ALTER TABLE " + column.table() + " ADD COLUMN " + column.sealed() + " bytea");
            }
            ddl.execute("ALTER TABLE file_event ADD COLUMN note_enc bytea");
        }
        long sealed = 0;
        for (Replaced column : REPLACED) {
            sealed += sealColumn(db, sealer, column);
        }
        try (Statement ddl = db.createStatement()) {
            for (Replaced column : REPLACED) {
                ddl.execute("ALTER TABLE " + column.table() + " DROP COLUMN " + column.plain());
                ddl.execute("ALTER TABLE " + column.table() + " ADD CONSTRAINT " + column.table() + "_" + column.sealed()
                        + "_sealed CHECK (" + sealedOrNull(column.sealed()) + ")");
            }
            ddl.execute("ALTER TABLE file_event ADD CONSTRAINT file_event_note_enc_sealed CHECK (" + sealedOrNull("note_enc") + ")");
            // DROP COLUMN only hides the values, and each UPDATE above left the row's plain version behind:
            // a rewrite keeps neither (dropped columns are written as nulls). Indexes are rebuilt with it.
            for (String table : List.of("hardship_file", "file_check", "file_event")) {
                ddl.execute("CLUSTER " + table + " USING " + table + "_pkey");
                ddl.execute("ALTER TABLE " + table + " SET WITHOUT CLUSTER");
            }
        }
        return sealed;
    }

    private static long sealColumn(Connection db, SealedValues sealer, Replaced column) throws SQLException {
        long sealed = 0;
        try (Statement read = db.createStatement();
             PreparedStatement write = db.prepareStatement(
                     "UPDATE " + column.table() + " SET " + column.sealed() + " = ? WHERE id = ?")) {
            read.setFetchSize(BATCH);
            try (ResultSet rows = read.executeQuery("SELECT id, " + column.plain() + " FROM " + column.table()
                    + " WHERE " + column.plain() + " IS NOT NULL")) {
                while (rows.next()) {
                    write.setBytes(1, sealer.seal(rows.getString(2).getBytes(StandardCharsets.UTF_8), column.purpose()));
                    write.setLong(2, rows.getLong(1));
                    write.addBatch();
                    if (++sealed % BATCH == 0) {
                        write.executeBatch();
                    }
                }
            }
            write.executeBatch();
        }
        return sealed;
    }

    /** Only sealed values (format byte 1, nonce, tag) or none: no code can store plain text there by mistake. */
    private static String sealedOrNull(String column) {
        return column + " IS NULL OR (get_byte(" + column + ", 0) = 1 AND octet_length(" + column + ") >= "
                + SealedValues.MIN_LENGTH + ")";
    }
}
