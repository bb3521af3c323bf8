package org.unionaid.disbursement.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.unionaid.common.identity.IdNumbers;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.common.security.Caller;
import org.unionaid.disbursement.crypto.DetailsCipher;
import org.unionaid.disbursement.crypto.SealedColumns;
import org.unionaid.disbursement.domain.PaidBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Enrolments as staff read them: the ID number masked, the bank account's number masked. A clerk reads only the
 * enrolments of his station and below (another's is 404, absent from his lists); every answer that shows members
 * (their names) is in mutual_aid_member_access, as the registry's file_access: purpose ENROLMENT for one, ENROLMENTS
 * for a page, one statement a page.
 */
@ApplicationScoped
public class EnrolmentViews {

    /** Where a claim by this enrolment is paid by bank transfer; the number masked. */
    @Schema(name = "MemberBankAccountView")
    public record BankAccountView(String bankName, String accountNumber) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EnrolmentView(long id, long memberId, String idNumber, String name, long enterpriseId, int year,
                                @Schema(type = SchemaType.STRING, example = "120.00", description = "Yuan with 2 decimals, as a string")
                                @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal premium, PaidBy paidBy,
                                Instant enrolledAt, String enrolledBy, BankAccountView bankAccount,
                                @JsonIgnore int bankAccountVersion) {

        /** The enrolment's ETag: the version of the member's account, the only part of it that changes. */
        public String etag() {
            return String.valueOf(bankAccountVersion);
        }
    }

    private static final String SELECT = """
            SELECT e.id, e.member_id, m.id_number, m.name, e.enterprise_id, e.year, e.premium, e.paid_by, e.enrolled_at,
                   e.enrolled_by, m.bank_name, m.bank_account_number, e.station_path,
                   m.bank_account_version
              FROM mutual_aid_enrolment e JOIN mutual_aid_member m ON m.id = e.member_id""";

    private final EntityManager em;
    private final DetailsCipher cipher;
    private final StationScope scope;
    private final Caller caller;

    EnrolmentViews(EntityManager em, DetailsCipher cipher, StationScope scope, Caller caller) {
        this.em = em;
        this.cipher = cipher;
        this.scope = scope;
        this.caller = caller;
    }

    @Transactional
    public Optional<EnrolmentView> find(long id) {
        List<?> rows = em.createNativeQuery(SELECT + " WHERE e.id = :id").setParameter("id", id).getResultList();
        Optional<EnrolmentView> found = rows.stream().map(r -> (Object[]) r).filter(r -> scope.sees((String) r[12]))
                .findFirst().map(this::view);
        found.ifPresent(v -> logReads(List.of(v), "ENROLMENT"));
        return found;
    }

    /** Keyset-paged by id; enterprise and year optional; a clerk's station and below only. */
    @Transactional
    public Page<EnrolmentView> list(Long enterpriseId, Integer year, String cursor, int limit) {
        StringBuilder where = new StringBuilder(" WHERE e.id > :after");
        Optional<String> prefix = scope.prefix();
        prefix.ifPresent(p -> where.append(" AND e.station_path LIKE :prefix"));
        if (enterpriseId != null) {
            where.append(" AND e.enterprise_id = :enterprise");
        }
        if (year != null) {
            where.append(" AND e.year = :year");
        }
        Query query = em.createNativeQuery(SELECT + where + " ORDER BY e.id LIMIT :limit")
                .setParameter("after", Cursors.decodeLong(cursor)).setParameter("limit", limit + 1);
        if (enterpriseId != null) {
            query.setParameter("enterprise", enterpriseId);
        }
        if (year != null) {
            query.setParameter("year", year);
        }
        prefix.ifPresent(p -> query.setParameter("prefix", p.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"));
        List<EnrolmentView> rows = query.getResultList().stream().map(r -> view((Object[]) r)).toList();
        Page<EnrolmentView> page = Cursors.page(rows, limit, v -> new Object[] {v.id()}, v -> v);
        logReads(page.items(), "ENROLMENTS");
        return page;
    }

    private EnrolmentView view(Object[] r) {
        String idNumber = open((byte[]) r[2], SealedColumns.MEMBER_ID_NUMBER);
        BankAccountView account = r[10] == null ? null : new BankAccountView((String) r[10],
                mask(open((byte[]) r[11], SealedColumns.MEMBER_BANK_ACCOUNT)));
        return new EnrolmentView(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), IdNumbers.mask(idNumber),
                open((byte[]) r[3], SealedColumns.MEMBER_NAME), ((Number) r[4]).longValue(), ((Number) r[5]).intValue(),
                (BigDecimal) r[6], PaidBy.valueOf((String) r[7]), BankFiles.instant(r[8]), (String) r[9], account,
                ((Number) r[13]).intValue());
    }

    /** One access-log row per enrolment shown, in one statement. */
    private void logReads(List<EnrolmentView> shown, String purpose) {
        if (shown.isEmpty()) {
            return;
        }
        Long[] enrolments = shown.stream().map(EnrolmentView::id).toArray(Long[]::new);
        Long[] members = shown.stream().map(EnrolmentView::memberId).toArray(Long[]::new);
        String actor = caller.subject();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO mutual_aid_member_access (member_id, enrolment_id, actor, purpose)
                    SELECT t.m, t.e, ?, ? FROM unnest(?::bigint[], ?::bigint[]) AS t(m, e)""")) {
                insert.setString(1, actor);
                insert.setString(2, purpose);
                insert.setArray(3, c.createArrayOf("bigint", members));
                insert.setArray(4, c.createArrayOf("bigint", enrolments));
                insert.executeUpdate();
            }
        });
    }

    private String open(byte[] sealed, String purpose) {
        return new String(cipher.open(sealed, purpose), StandardCharsets.UTF_8);
    }

    /** The last four digits only. */
    static String mask(String accountNumber) {
        return "*".repeat(Math.max(0, accountNumber.length() - 4)) + accountNumber.substring(Math.max(0, accountNumber.length() - 4));
    }
}
