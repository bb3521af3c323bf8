package org.unionaid.disbursement.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.disbursement.service.BankFiles.Figures;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reconciliation of bank transfers per project and budget year: issued (in no bank file yet), and of those sent in a
 * bank file, paid (a later bounce included, also counted as reversed), failed and outstanding (SENT, no answer yet);
 * sent = paid + failed + outstanding. And the outstanding payouts sent more than N days ago.
 */
@ApplicationScoped
public class Reconciliation {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ProjectYearView(String projectCode, int year, Figures issued, Figures sent, Figures paid,
                                  Figures failed, Figures outstanding, Figures reversed) {
    }

    public record OutstandingItem(long payoutId, long applicationId, long bankFileId, String projectCode, int year,
                                  String reference, @Schema(type = SchemaType.STRING, example = "4000.00", description = "Yuan with 2 decimals, as a string") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
                                  Instant sentAt) {
    }

    private final EntityManager em;

    Reconciliation(EntityManager em) {
        this.em = em;
    }

    /** {@code project} null: every project of the year. */
    public ProjectYearView of(String project, int year) {
        var query = em.createNativeQuery("""
                SELECT count(p.id) FILTER (WHERE p.status = 'ISSUED'), coalesce(sum(p.amount) FILTER (WHERE p.status = 'ISSUED'), 0),
                       count(p.id) FILTER (WHERE p.bank_file_id IS NOT NULL),
                       coalesce(sum(p.amount) FILTER (WHERE p.bank_file_id IS NOT NULL), 0),
                """ + BankFiles.FIGURES_SQL + """
                  FROM payout p
                 WHERE p.channel = 'BANK_TRANSFER' AND p.year = :y AND (p.bank_file_id IS NOT NULL OR p.status = 'ISSUED')"""
                + (project == null ? "" : " AND p.project_code = :p"));
        query.setParameter("y", year);
        if (project != null) {
            query.setParameter("p", project);
        }
        Object[] r = (Object[]) query.getSingleResult();
        List<Figures> f = BankFiles.figures(r, 2);
        Figures issued = new Figures(((Number) r[0]).longValue(), ((BigDecimal) r[1]).setScale(2));
        return new ProjectYearView(project, year, issued, f.get(0), f.get(1), f.get(2), f.get(3), f.get(4));
    }

    /**
     * SENT payouts whose bank file went out more than {@code olderThanDays} days ago, by payout id: read through the
     * files still EXPORTED (a COMPLETED file has no SENT payout) and their lines, so that no index holds the payouts' status or
     * file (V11, V16).
     */
    public Page<OutstandingItem> outstanding(int olderThanDays, String project, String cursor, int limit) {
        var query = em.createNativeQuery("""
                SELECT p.id, p.application_id, p.bank_file_id, p.project_code, p.year, p.reference, p.amount, p.sent_at
                  FROM bank_file f JOIN bank_file_line l ON l.bank_file_id = f.id JOIN payout p ON p.id = l.payout_id
                 WHERE f.status = 'EXPORTED' AND p.status = 'SENT' AND p.sent_at < :before AND p.id > :after"""
                + (project == null ? "" : " AND p.project_code = :p") + " ORDER BY p.id LIMIT :l");
        query.setParameter("before", Instant.now().minus(Duration.ofDays(olderThanDays)))
                .setParameter("after", Cursors.decodeLong(cursor)).setParameter("l", limit + 1);
        if (project != null) {
            query.setParameter("p", project);
        }
        List<?> rows = query.getResultList();
        return Cursors.page(rows, limit, r -> new Object[] {((Number) ((Object[]) r)[0]).longValue()}, r -> {
            Object[] o = (Object[]) r;
            return new OutstandingItem(((Number) o[0]).longValue(), ((Number) o[1]).longValue(),
                    ((Number) o[2]).longValue(), (String) o[3], ((Number) o[4]).intValue(), (String) o[5],
                    (BigDecimal) o[6], BankFiles.instant(o[7]));
        });
    }
}
