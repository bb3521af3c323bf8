package db.migration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.unionaid.disbursement.crypto.DetailsCipher;
import org.unionaid.disbursement.service.Idempotency;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Idempotency records at rest: the stored answers (with medical costs and student data) are sealed like the
 * details (another purpose, {@link Idempotency#RESPONSE_PURPOSE}), and the request hash becomes a keyed digest
 * of the same SHA-256 (so a retry of a key stored before still matches, and a guessed body can't be confirmed
 * from the table). Keys still IN_PROGRESS are dropped: their owners are gone with the version before. In the
 * migration's one transaction, with the configured key; the plain columns are dropped, no plaintext stays.
 */
public class V4__Seal_idempotency_records extends BaseJavaMigration implements JavaMigration {

    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws Exception {
        String key = ConfigProvider.getConfig().getOptionalValue(DetailsCipher.PROPERTY, String.class).orElse(null);
        seal(context.getConnection(), DetailsCipher.of(Optional.ofNullable(key)));
    }

    /** The migration's work on a connection in a transaction: returns how many records it sealed. */
    public static long seal(Connection db, DetailsCipher cipher) throws SQLException {
        try (Statement ddl = db.createStatement()) {
            ddl.execute("DELETE FROM idempotency_record WHERE state = 'IN_PROGRESS'");
            ddl.execute("ALTER TABLE idempotency_record RENAME COLUMN request_hash TO request_hash_plain");
            ddl.execute("ALTER TABLE idempotency_record RENAME COLUMN response_body TO response_body_plain");
            ddl.execute("ALTER TABLE idempotency_record ADD COLUMN request_hash bytea, ADD COLUMN response_body bytea,"
                    + " ADD COLUMN owner varchar(64)");
        }
        long sealed = 0;
        try (Statement read = db.createStatement();
             PreparedStatement write = db.prepareStatement(
                     "UPDATE idempotency_record SET request_hash = ?, response_body = ? WHERE subject = ? AND idem_key = ?")) {
            read.setFetchSize(BATCH);
            try (ResultSet rows = read.executeQuery(
                    "SELECT subject, idem_key, request_hash_plain, response_body_plain FROM idempotency_record")) {
                while (rows.next()) {
                    write.setBytes(1, cipher.digest(HexFormat.of().parseHex(rows.getString(3).trim()), Idempotency.REQUEST_PURPOSE));
                    String body = rows.getString(4);
                    write.setBytes(2, body == null ? null
                            : cipher.seal(body.getBytes(StandardCharsets.UTF_8), Idempotency.RESPONSE_PURPOSE));
                    write.setString(3, rows.getString(1));
                    write.setString(4, rows.getString(2));
                    write.addBatch();
                    if (++sealed % BATCH == 0) {
                        write.executeBatch();
                    }
                }
            }
            write.executeBatch();
        }
        try (Statement ddl = db.createStatement()) {
            ddl.execute("ALTER TABLE idempotency_record DROP COLUMN request_hash_plain, DROP COLUMN response_body_plain");
            ddl.execute("ALTER TABLE idempotency_record ALTER COLUMN request_hash SET NOT NULL");
            ddl.execute("ALTER TABLE idempotency_record ADD CONSTRAINT idempotency_record_sealed CHECK (octet_length(request_hash) = 32"
                    + " AND (response_body IS NULL OR (get_byte(response_body, 0) = 1 AND octet_length(response_body) >= 29)))");
        }
        return sealed;
    }
}
