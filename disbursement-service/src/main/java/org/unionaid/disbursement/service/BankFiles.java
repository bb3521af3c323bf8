package org.unionaid.disbursement.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.security.Caller;
import org.unionaid.disbursement.crypto.DetailsCipher;
import org.unionaid.disbursement.crypto.SealedColumns;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads of bank files: each with its counts and amounts sent, paid (by the bank; a later bounce included, also shown
 * as reversed), failed and outstanding (SENT, no answer yet), so that sent = paid + failed + outstanding; and the
 * content, the same bytes on every download, each download written in bank_file_download.
 */
@ApplicationScoped
public class BankFiles {

    public enum Encoding { UTF_8, GBK }

    /** A count of payouts and their amount. */
    public record Figures(long count, @Schema(type = SchemaType.STRING, example = "4000.00", description = "Yuan with 2 decimals, as a string") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }

    /** EXPORTED until every payout in it is PAID or FAILED, then COMPLETED. */
    public record BankFileView(long id, String projectCode,
                               @Schema(enumeration = {"EXPORTED", "COMPLETED"}) String status, int count,
                               @Schema(type = SchemaType.STRING, example = "4000.00", description = "Yuan with 2 decimals, as a string") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
                               @Schema(description = "The sha256 of the content's UTF-8 bytes, hex") String sha256,
                               Instant exportedAt, String exportedBy, Instant completedAt, Figures sent, Figures paid,
                               Figures failed, Figures outstanding, Figures reversed) {
    }

    /** The bytes of a download and their charset. */
    public record Download(long id, byte[] bytes, String charset) {
    }

    /** Paid, failed, outstanding and reversed of a set of payouts (p) sent in bank files, as {@link #figures} reads them. */
    static final String FIGURES_SQL = """
            count(p.id) FILTER (WHERE p.status IN ('PAID', 'REVERSED')), coalesce(sum(p.amount) FILTER (WHERE p.status IN ('PAID', 'REVERSED')), 0),
            count(p.id) FILTER (WHERE p.status = 'FAILED'), coalesce(sum(p.amount) FILTER (WHERE p.status = 'FAILED'), 0),
            count(p.id) FILTER (WHERE p.status = 'SENT'), coalesce(sum(p.amount) FILTER (WHERE p.status = 'SENT'), 0),
            count(p.id) FILTER (WHERE p.status = 'REVERSED'), coalesce(sum(p.amount) FILTER (WHERE p.status = 'REVERSED'), 0)""";

    private static final String SELECT = """
            SELECT f.id, f.project_code, f.status, f.line_count, f.total, f.sha256, f.exported_at, f.exported_by,
                   f.completed_at, count(p.id), coalesce(sum(p.amount), 0),
            """ + FIGURES_SQL + """
              FROM bank_file f LEFT JOIN bank_file_line l ON l.bank_file_id = f.id LEFT JOIN payout p ON p.id = l.payout_id
            """;

    private final EntityManager em;
    private final DetailsCipher cipher;
    private final Caller caller;

    BankFiles(EntityManager em, DetailsCipher cipher, Caller caller) {
        this.em = em;
        this.cipher = cipher;
        this.caller = caller;
    }

    public Optional<BankFileView> find(long id) {
        List<?> rows = em.createNativeQuery(SELECT + " WHERE f.id = :id GROUP BY f.id").setParameter("id", id).getResultList();
        return rows.stream().findFirst().map(r -> view((Object[]) r));
    }

    public Page<BankFileView> list(String project, String cursor, int limit) {
        var query = em.createNativeQuery(SELECT + " WHERE f.id > :after" + (project == null ? "" : " AND f.project_code = :p")
                + " GROUP BY f.id ORDER BY f.id LIMIT :l");
        query.setParameter("after", Cursors.decodeLong(cursor)).setParameter("l", limit + 1);
        if (project != null) {
            query.setParameter("p", project);
        }
        List<?> rows = query.getResultList();
        return Cursors.page(rows, limit, r -> new Object[] {((Number) ((Object[]) r)[0]).longValue()}, r -> view((Object[]) r));
    }

    /** The stored content, as UTF-8 or as the same text in GBK; the download is written in the access log. */
    @Transactional
    public Optional<Download> content(long id, Encoding encoding) {
        List<?> rows = em.createNativeQuery("SELECT content, sha256 FROM bank_file WHERE id = :id").setParameter("id", id)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        byte[] utf8 = cipher.open((byte[]) row[0], SealedColumns.BANK_FILE_CONTENT);
        String digest = new String(cipher.open((byte[]) row[1], SealedColumns.BANK_FILE_SHA256), StandardCharsets.US_ASCII);
        if (!digest.equals(HexFormat.of().formatHex(BankFileExport.sha256(utf8)))) {
            // Never other bytes than those exported: a content its digest does not describe is not served.
            throw new IllegalStateException("Bank file " + id + ": the stored content is not what its digest says");
        }
        byte[] bytes = encoding == Encoding.UTF_8 ? utf8
                : BankFileContent.gbk(id, new String(utf8, StandardCharsets.UTF_8));
        String charset = encoding == Encoding.UTF_8 ? "UTF-8" : "GBK";
        em.createNativeQuery("INSERT INTO bank_file_download (bank_file_id, encoding, downloaded_by) VALUES (:f, :e, :by)")
                .setParameter("f", id).setParameter("e", charset).setParameter("by", caller.subject()).executeUpdate();
        return Optional.of(new Download(id, bytes, charset));
    }

    public static Encoding encoding(String value) {
        if (value == null || value.equalsIgnoreCase("UTF-8") || value.equalsIgnoreCase("UTF8")) {
            return Encoding.UTF_8;
        }
        if (value.equalsIgnoreCase("GBK")) {
            return Encoding.GBK;
        }
        throw ProblemException.invalid(Violation.keyed("encoding", "bank-file-encoding"));
    }

    private BankFileView view(Object[] r) {
        String sha256 = new String(cipher.open((byte[]) r[5], SealedColumns.BANK_FILE_SHA256), StandardCharsets.US_ASCII);
        List<Figures> f = figures(r, 9);
        return new BankFileView(((Number) r[0]).longValue(), (String) r[1], (String) r[2], ((Number) r[3]).intValue(),
                (BigDecimal) r[4], sha256, instant(r[6]), (String) r[7], instant(r[8]), f.get(0), f.get(1), f.get(2),
                f.get(3), f.get(4));
    }

    /** Sent (the two columns before {@link #FIGURES_SQL}), paid, failed, outstanding, reversed from column {@code from} on. */
    static List<Figures> figures(Object[] r, int from) {
        return List.of(fig(r, from), fig(r, from + 2), fig(r, from + 4), fig(r, from + 6), fig(r, from + 8));
    }

    /** A timestamptz as a native query gives it (the JDBC type varies with the driver's mapping). */
    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Not a time: " + value.getClass());
    }

    private static Figures fig(Object[] r, int i) {
        return new Figures(((Number) r[i]).longValue(), ((BigDecimal) r[i + 1]).setScale(2));
    }
}
