package org.unionaid.disbursement.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.disbursement.crypto.DetailsCipher;
import org.unionaid.disbursement.crypto.SealedColumns;
import org.unionaid.disbursement.domain.IdNumbers;
import org.unionaid.disbursement.domain.PaidBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Enrolments as staff read them: the ID number masked, the bank account's number masked. */
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
                                Instant enrolledAt, String enrolledBy, BankAccountView bankAccount) {
    }

    private static final String SELECT = """
            SELECT e.id, e.member_id, m.id_number, m.name, e.enterprise_id, e.year, e.premium, e.paid_by, e.enrolled_at,
                   e.enrolled_by, m.bank_name, m.bank_account_number
              FROM mutual_aid_enrolment e JOIN mutual_aid_member m ON m.id = e.member_id""";

    private final EntityManager em;
    private final DetailsCipher cipher;

    EnrolmentViews(EntityManager em, DetailsCipher cipher) {
        this.em = em;
        this.cipher = cipher;
    }

    public Optional<EnrolmentView> find(long id) {
        List<?> rows = em.createNativeQuery(SELECT + " WHERE e.id = :id").setParameter("id", id).getResultList();
        return rows.stream().findFirst().map(r -> view((Object[]) r));
    }

    /** Keyset-paged by id; enterprise and year optional. */
    public Page<EnrolmentView> list(Long enterpriseId, Integer year, String cursor, int limit) {
        StringBuilder where = new StringBuilder(" WHERE e.id > :after");
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
        List<EnrolmentView> rows = query.getResultList().stream().map(r -> view((Object[]) r)).toList();
        return Cursors.page(rows, limit, v -> new Object[] {v.id()}, v -> v);
    }

    private EnrolmentView view(Object[] r) {
        String idNumber = open((byte[]) r[2], SealedColumns.MEMBER_ID_NUMBER);
        BankAccountView account = r[10] == null ? null : new BankAccountView((String) r[10],
                mask(open((byte[]) r[11], SealedColumns.MEMBER_BANK_ACCOUNT)));
        return new EnrolmentView(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), IdNumbers.mask(idNumber),
                open((byte[]) r[3], SealedColumns.MEMBER_NAME), ((Number) r[4]).longValue(), ((Number) r[5]).intValue(),
                (BigDecimal) r[6], PaidBy.valueOf((String) r[7]), BankFiles.instant(r[8]), (String) r[9], account);
    }

    private String open(byte[] sealed, String purpose) {
        return new String(cipher.open(sealed, purpose), StandardCharsets.UTF_8);
    }

    /** The last four digits only. */
    static String mask(String accountNumber) {
        return "*".repeat(Math.max(0, accountNumber.length() - 4)) + accountNumber.substring(Math.max(0, accountNumber.length() - 4));
    }
}
