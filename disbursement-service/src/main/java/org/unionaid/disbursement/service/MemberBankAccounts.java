package org.unionaid.disbursement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.security.Caller;
import org.unionaid.disbursement.crypto.DetailsCipher;
import org.unionaid.disbursement.crypto.SealedColumns;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The bank account a member's claims are paid to by bank transfer (a member needs no hardship file, so the registry
 * holds no account for him): set through one of his enrolments, kept with the member (every year's claims), the
 * number sealed. As the registry's BankAccountService: digits only, 12 to 30, the account in the member's name; a
 * clerk sets it only through an enrolment of his station (404 otherwise, as for a read), reviewers citywide; the
 * member's row is locked, the change names the account's version it replaces (412 when another change came first),
 * and each change is a history row with the account before and after, sealed, who and when. Setting the account it
 * has changes nothing and writes no history.
 */
@ApplicationScoped
public class MemberBankAccounts {

    private final EntityManager em;
    private final DetailsCipher cipher;
    private final Caller caller;
    private final StationScope scope;

    MemberBankAccounts(EntityManager em, DetailsCipher cipher, Caller caller, StationScope scope) {
        this.em = em;
        this.cipher = cipher;
        this.caller = caller;
        this.scope = scope;
    }

    /**
     * {@code ifMatch}: the If-Match header as sent (an enrolment's ETag, "N" or W/"N"; null: not checked); one that
     * does not name the account's current version is 412 bank-account-changed.
     */
    @Transactional
    public void set(long enrolmentId, String bankName, String accountNumber, String accountName, String ifMatch) {
        set(enrolmentId, bankName, accountNumber, accountName, ifMatch == null ? null : version(ifMatch));
    }

    private static Integer version(String ifMatch) {
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        return tag.matches("\\d{1,9}") ? Integer.valueOf(tag) : -1;
    }

    private void set(long enrolmentId, String bankName, String accountNumber, String accountName, Integer expectedVersion) {
        List<?> rows = em.createNativeQuery("""
                        SELECT m.id, m.name, m.bank_name, m.bank_account_number, m.bank_account_version, e.station_path
                          FROM mutual_aid_enrolment e JOIN mutual_aid_member m ON m.id = e.member_id
                         WHERE e.id = :id FOR UPDATE OF m""").setParameter("id", enrolmentId).getResultList();
        Object[] member = rows.isEmpty() ? null : (Object[]) rows.get(0);
        if (member == null || !scope.sees((String) member[5])) {
            throw ProblemException.notFound("Enrolment", enrolmentId);
        }
        int version = ((Number) member[4]).intValue();
        if (expectedVersion != null && expectedVersion != version) {
            throw new ProblemException(412, "bank-account-changed", String.valueOf(version));
        }
        String name = new String(cipher.open((byte[]) member[1], SealedColumns.MEMBER_NAME), StandardCharsets.UTF_8);
        if (!name.equals(accountName.trim())) {
            throw new ProblemException(422, "account-name-mismatch", List.of(Violation.keyed("accountName", "account-name-mismatch")),
                    Map.of());
        }
        String bank = bankName.trim();
        String before = member[2] == null ? null
                : member[2] + "\n" + new String(cipher.open((byte[]) member[3], SealedColumns.MEMBER_BANK_ACCOUNT), StandardCharsets.UTF_8);
        String after = bank + "\n" + accountNumber;
        if (after.equals(before)) {
            return;
        }
        long memberId = ((Number) member[0]).longValue();
        Instant now = Instant.now();
        String me = caller.subject();
        em.createNativeQuery("""
                        UPDATE mutual_aid_member SET bank_name = :bank, bank_account_number = :number,
                               bank_account_set_at = :at, bank_account_set_by = :by, bank_account_version = :v WHERE id = :id""")
                .setParameter("bank", bank)
                .setParameter("number", cipher.seal(accountNumber.getBytes(StandardCharsets.UTF_8), SealedColumns.MEMBER_BANK_ACCOUNT))
                .setParameter("at", now).setParameter("by", me).setParameter("v", version + 1)
                .setParameter("id", memberId).executeUpdate();
        byte[] sealedBefore = before == null ? null
                : cipher.seal(before.getBytes(StandardCharsets.UTF_8), SealedColumns.MEMBER_ACCOUNT_BEFORE);
        em.createNativeQuery("""
                        INSERT INTO mutual_aid_bank_account_event (member_id, enrolment_id, version, at, actor, before_account, after_account)
                        SELECT :m, :e, :v, :at, :by, CASE WHEN :first THEN NULL ELSE CAST(:before AS bytea) END, :after""")
                .setParameter("m", memberId).setParameter("e", enrolmentId).setParameter("v", version + 1)
                .setParameter("at", now).setParameter("by", me).setParameter("first", sealedBefore == null)
                .setParameter("before", sealedBefore == null ? new byte[0] : sealedBefore)
                .setParameter("after", cipher.seal(after.getBytes(StandardCharsets.UTF_8), SealedColumns.MEMBER_ACCOUNT_AFTER))
                .executeUpdate();
    }
}
