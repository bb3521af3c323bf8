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
 * number sealed. As the registry's rule for a file's account: digits only, 12 to 30, the account in the member's name.
 */
@ApplicationScoped
public class MemberBankAccounts {

    private final EntityManager em;
    private final DetailsCipher cipher;
    private final Caller caller;

    MemberBankAccounts(EntityManager em, DetailsCipher cipher, Caller caller) {
        this.em = em;
        this.cipher = cipher;
        this.caller = caller;
    }

    @Transactional
    public void set(long enrolmentId, String bankName, String accountNumber, String accountName) {
        List<?> rows = em.createNativeQuery("""
                        SELECT m.id, m.name FROM mutual_aid_enrolment e JOIN mutual_aid_member m ON m.id = e.member_id
                         WHERE e.id = :id FOR UPDATE OF m""").setParameter("id", enrolmentId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Enrolment", enrolmentId);
        }
        Object[] member = (Object[]) rows.get(0);
        String name = new String(cipher.open((byte[]) member[1], SealedColumns.MEMBER_NAME), StandardCharsets.UTF_8);
        if (!name.equals(accountName.trim())) {
            throw new ProblemException(422, "account-name-mismatch", List.of(new Violation("accountName", "account-name-mismatch")),
                    Map.of());
        }
        em.createNativeQuery("""
                        UPDATE mutual_aid_member SET bank_name = :bank, bank_account_number = :number,
                               bank_account_set_at = :at, bank_account_set_by = :by WHERE id = :id""")
                .setParameter("bank", bankName.trim())
                .setParameter("number", cipher.seal(accountNumber.getBytes(StandardCharsets.UTF_8), SealedColumns.MEMBER_BANK_ACCOUNT))
                .setParameter("at", Instant.now()).setParameter("by", caller.subject())
                .setParameter("id", ((Number) member[0]).longValue()).executeUpdate();
    }
}
