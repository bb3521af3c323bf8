package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.common.security.Roles;
import org.unionaid.registry.domain.BankAccount;
import org.unionaid.registry.domain.BankAccountChange;
import org.unionaid.registry.domain.BankDetails;
import org.unionaid.registry.domain.HardshipFile;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A file's bank account: set (one handler with its checks, its transaction and its audit: a history entry that
 * keeps the account before and after, sealed, and an access-log row) and read. Every answer masks the number
 * but the read of a service, which writes it into a bank file.
 */
@ApplicationScoped
public class BankAccountService {

    /** Access-log purposes: the answer of a PUT, a masked read, a service's read of the full number. */
    static final String SET = "BANK_ACCOUNT_SET";
    static final String READ = "BANK_ACCOUNT";
    static final String READ_FULL = "BANK_ACCOUNT_FULL";

    private final EntityManager em;
    private final BankAccountSeal seal;
    private final FileJournal journal;
    private final HardshipFileService files;

    BankAccountService(EntityManager em, BankAccountSeal seal, FileJournal journal, HardshipFileService files) {
        this.em = em;
        this.seal = seal;
        this.journal = journal;
        this.files = files;
    }

    /**
     * Sets the account of an open file the caller may see (404 otherwise, as for every write of a file). The
     * account must be the file holder's own: its name is the file's. The file's row is locked, so two changes
     * at once are one after the other; the file's version moves on (its view shows the account). Setting the
     * account it has changes nothing and writes no history.
     */
    @Transactional
    public BankDetails set(long id, BankDetails requested, Caller caller, StationScope scope) {
        HardshipFile file = locked(id, scope).orElseThrow(() -> ProblemException.notFound("File", id));
        if (!file.isOpen()) {
            throw ProblemException.conflict("file-closed", file.status);
        }
        if (!requested.accountName().equals(file.name)) {
            // neither name is echoed: an error carries no personal data
            throw ProblemException.unprocessable("account-name-mismatch");
        }
        Optional<BankAccount> stored = BankAccount.findByIdOptional(id);
        BankDetails before = stored.map(account -> seal.open(account.accountEnc)).orElse(null);
        if (!requested.equals(before)) {
            Instant now = Instant.now();
            BankAccount account = stored.orElseGet(BankAccount::new);
            account.fileId = file.id;
            account.accountEnc = seal.seal(requested);
            account.updatedAt = now;
            account.updatedBy = caller.subject();
            if (stored.isEmpty()) {
                account.persist();
            }
            file.updatedAt = now;
            em.flush();
            journal.event(file.id, caller.subject(), "BANK_ACCOUNT", null, null, null, null, List.of("bankAccount"),
                    seal.sealChange(new BankAccountChange(before, requested)));
        }
        journal.access(file.id, caller.subject(), SET, false);
        return requested.masked();
    }

    /**
     * The account of a file the caller may see: in full for a service (disbursement writes it into the bank
     * file), masked for everyone else. Each read is in the file's access log; 404 no-bank-account when the
     * file has none.
     */
    @Transactional
    public BankDetails read(long id, Caller caller, StationScope scope) {
        HardshipFile file = files.visible(id, scope).orElseThrow(() -> ProblemException.notFound("File", id));
        BankDetails account = seal.of(file.id).orElseThrow(() -> new ProblemException(404, "no-bank-account"));
        boolean full = caller.is(Roles.SERVICE);
        journal.access(file.id, caller.subject(), full ? READ_FULL : READ, false);
        return full ? account : account.masked();
    }

    /**
     * The full accounts of those of {@code fileIds} that have one, by file id in ascending order (a file without
     * one, or no such file, is absent): the bulk read of a service making a bank file. One SELECT and one
     * access-log INSERT ({@link FileJournal#reads}, purpose {@value #READ_FULL} as the single read) whatever the
     * number of ids.
     */
    @Transactional
    public Map<Long, BankDetails> readAll(List<Long> fileIds, Caller caller) {
        if (!caller.is(Roles.SERVICE)) {
            throw new ProblemException(403, "forbidden");
        }
        Long[] ids = fileIds.stream().distinct().toArray(Long[]::new);
        Map<Long, byte[]> sealed = em.unwrap(org.hibernate.Session.class).doReturningWork(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT file_id, account_enc FROM bank_account WHERE file_id = ANY (?) ORDER BY file_id")) {
                select.setArray(1, c.createArrayOf("bigint", ids));
                Map<Long, byte[]> rows = new LinkedHashMap<>();
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        rows.put(r.getLong(1), r.getBytes(2));
                    }
                }
                return rows;
            }
        });
        Map<Long, BankDetails> accounts = new LinkedHashMap<>();
        sealed.forEach((id, value) -> accounts.put(id, seal.open(value)));
        journal.reads(new ArrayList<>(accounts.keySet()), caller.subject(), READ_FULL);
        return accounts;
    }

    private Optional<HardshipFile> locked(long id, StationScope scope) {
        if (scope.seesNothing()) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(HardshipFile.class, id, LockModeType.PESSIMISTIC_WRITE))
                .filter(file -> scope.covers(file.stationPath));
    }
}
