package org.unionaid.disbursement.crypto;

import org.jboss.logging.Logger;
import org.unionaid.common.crypto.SealedValues;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Bank files sealed again under the current details key after a rotation. Common's Resealer writes each column
 * on its own; a bank file's content and digest change only together, in a transaction that says it re-seals
 * ({@code SET LOCAL union_aid.reseal = 'bank_file'}: trigger bank_file_no_change of V8 lets nothing else through)
 * and only after both open and the content's SHA-256 is the digest: the same bytes, sealed again. One file per
 * transaction (a content is up to a mebibyte), each replaced only while it is still the value read.
 */
final class BankFileResealing {

    private static final Logger LOG = Logger.getLogger(BankFileResealing.class);
    private static final int PAGE = 20;

    private final DataSource dataSource;
    private final SealedValues sealed;

    BankFileResealing(DataSource dataSource, SealedValues sealed) {
        this.dataSource = dataSource;
        this.sealed = sealed;
    }

    /** One pass over every bank file: the values sealed again (content and digest count one each). */
    long run() throws SQLException {
        long resealed = 0;
        long after = 0;
        while (true) {
            long last = after;
            try (Connection db = dataSource.getConnection();
                 PreparedStatement select = db.prepareStatement(
                         "SELECT id, content, sha256 FROM bank_file WHERE id > ? ORDER BY id LIMIT " + PAGE)) {
                select.setLong(1, after);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        last = rows.getLong(1);
                        resealed += reseal(db, last, rows.getBytes(2), rows.getBytes(3));
                    }
                }
            }
            if (last == after) {
                return resealed;
            }
            after = last;
        }
    }

    private int reseal(Connection db, long id, byte[] content, byte[] digest) throws SQLException {
        byte[] newContent;
        byte[] newDigest;
        try {
            newContent = sealed.resealed(content, SealedColumns.BANK_FILE_CONTENT);
            newDigest = sealed.resealed(digest, SealedColumns.BANK_FILE_SHA256);
            if (newContent == null && newDigest == null) {
                return 0;
            }
            String expected = new String(sealed.open(digest, SealedColumns.BANK_FILE_SHA256), StandardCharsets.US_ASCII);
            if (!expected.equals(sha256(sealed.open(content, SealedColumns.BANK_FILE_CONTENT)))) {
                LOG.warnf("bank_file %d: its content is not what its digest says; left as it is", id);
                return 0;
            }
        } catch (SealedValues.Unreadable e) {
            LOG.warnf("bank_file %d opens under no configured key: left as it is", id);
            return 0;
        }
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement mark = db.createStatement();
             PreparedStatement update = db.prepareStatement("""
                     UPDATE bank_file SET content = coalesce(?, content), sha256 = coalesce(?, sha256)
                      WHERE id = ? AND content = ? AND sha256 = ?""")) {
            mark.execute("SET LOCAL union_aid.reseal = 'bank_file'");
            update.setBytes(1, newContent);
            update.setBytes(2, newDigest);
            update.setLong(3, id);
            update.setBytes(4, content);
            update.setBytes(5, digest);
            int written = update.executeUpdate();
            db.commit();
            return written == 0 ? 0 : (newContent == null ? 0 : 1) + (newDigest == null ? 0 : 1);
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
