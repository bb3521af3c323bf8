package org.unionaid.disbursement.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.hibernate.Session;
import org.jboss.logging.MDC;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.security.Caller;
import org.unionaid.common.web.RequestIds;
import org.unionaid.disbursement.client.Registry;
import org.unionaid.disbursement.client.RegistryDtos.BankAccount;
import org.unionaid.disbursement.crypto.DetailsCipher;
import org.unionaid.disbursement.crypto.SealedColumns;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The export of a bank file (POST /api/v1/bank-files), one write with its checks in one place. {@link #prepare}
 * runs outside any transaction: it checks the payouts (all BANK_TRANSFER, ISSUED, of the project; no approver of
 * theirs exports them) and reads the households' accounts from the registry
 * (the bulk read, up to 1000 files a call: ten calls, two at a time, for 10,000 payouts). {@link #apply} then, in one
 * transaction, builds the content, stores it sealed with its digest and moves the payouts ISSUED -> SENT by one
 * conditional update; a payout another export took in the meantime fails the whole export (409 naming it).
 */
@ApplicationScoped
public class BankFileExport {

    /** A payout as the export reads it. */
    record Item(long payoutId, String projectCode, String channel, String status, Long bankFileId, String reference,
                BigDecimal amount, Long workerId, String decidedBy, String firstApprovedBy, MemberAccount member,
                String accountSetBy) {
    }

    /** A mutual-aid member's account (a claim by enrolment: no file in the registry), still sealed; null when none is set. */
    record MemberAccount(String bankName, byte[] accountNumber, byte[] name) {
        @Override
        public String toString() {
            return "MemberAccount[sealed]";
        }
    }

    /** What {@link #prepare} found: the payouts in id order and each one's account. */
    public record Prepared(String projectCode, List<Item> items, Map<Long, BankAccount> accounts) {
    }

    /** Calls of the registry's bulk read at a time. */
    static final int LANES = 2;

    private final EntityManager em;
    private final Registry registry;
    private final Caller caller;
    private final DetailsCipher cipher;
    private final BankFiles files;
    private final ManagedExecutor executor;

    BankFileExport(EntityManager em, Registry registry, Caller caller, DetailsCipher cipher, BankFiles files,
                   ManagedExecutor executor) {
        this.em = em;
        this.registry = registry;
        this.caller = caller;
        this.cipher = cipher;
        this.files = files;
        this.executor = executor;
    }

    @Transactional(Transactional.TxType.NEVER)
    public Prepared prepare(String projectCode, List<Long> payoutIds) {
        Set<Long> distinct = new HashSet<>();
        for (Long id : payoutIds) {
            if (!distinct.add(id)) {
                throw ProblemException.invalid(Violation.keyed("payoutIds", "payout-listed-twice", String.valueOf(id)));
            }
        }
        QuarkusTransaction.requiringNew().run(() -> ApplicationService.project(projectCode));
        Map<Long, Item> found = QuarkusTransaction.requiringNew().call(() -> read(payoutIds));
        String me = caller.subject();
        Map<String, Long> references = new HashMap<>();
        List<Item> items = new ArrayList<>();
        for (Long id : payoutIds.stream().sorted().toList()) {
            Item item = found.get(id);
            if (item == null) {
                throw ProblemException.unprocessable("unknown-payout", id);
            }
            check(item, projectCode, me);
            Long twin = references.putIfAbsent(item.reference(), id);
            if (twin != null) {
                throw ProblemException.unprocessable("duplicate-reference", twin, id);
            }
            items.add(item);
        }
        Map<Long, BankAccount> byWorker = accountsOf(items);
        Map<Long, BankAccount> accounts = new HashMap<>();
        for (Item item : items) {
            BankAccount account = item.member() != null ? open(item.member())
                    : item.workerId() == null ? null : byWorker.get(item.workerId());
            if (account == null || !complete(account)) {
                throw ProblemException.unprocessable("no-bank-account", item.payoutId());
            }
            accounts.put(item.payoutId(), account);
        }
        return new Prepared(projectCode, items, accounts);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public BankFiles.BankFileView apply(Prepared prepared) {
        String me = caller.subject();
        List<BankFileContent.Line> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Item item : prepared.items()) {
            lines.add(new BankFileContent.Line(item.reference(), prepared.accounts().get(item.payoutId()), item.amount()));
            total = total.add(item.amount());
        }
        byte[] content = BankFileContent.utf8(BankFileContent.text(lines));
        genericPlans(em);
        long id = ((Number) em.createNativeQuery("SELECT nextval('bank_file_seq')").getSingleResult()).longValue();
        Instant now = Instant.now();
        em.createNativeQuery("""
                        INSERT INTO bank_file (id, project_code, status, line_count, total, sha256, content, exported_at, exported_by)
                        VALUES (:id, :p, 'EXPORTED', :n, :t, :h, :c, :at, :by)""")
                .setParameter("id", id).setParameter("p", prepared.projectCode()).setParameter("n", lines.size())
                .setParameter("t", total)
                .setParameter("h", cipher.seal(HexFormat.of().formatHex(sha256(content)).getBytes(StandardCharsets.US_ASCII), SealedColumns.BANK_FILE_SHA256))
                .setParameter("c", cipher.seal(content, SealedColumns.BANK_FILE_CONTENT))
                .setParameter("at", now).setParameter("by", me).executeUpdate();
        Long[] ids = prepared.items().stream().map(Item::payoutId).toArray(Long[]::new);
        Set<Long> sent = send(id, prepared.projectCode(), ids, now);
        if (sent.size() != ids.length) {
            // Another export (or a change) took one of them since prepare: the whole export rolls back.
            long lost = prepared.items().stream().map(Item::payoutId).filter(p -> !sent.contains(p)).findFirst().orElseThrow();
            Item current = read(List.of(lost)).get(lost);
            throw ProblemException.conflict("payout-not-issued", lost, current == null ? "?" : current.status());
        }
        return files.find(id).orElseThrow();
    }

    private void check(Item item, String projectCode, String me) {
        if (!projectCode.equals(item.projectCode())) {
            throw ProblemException.unprocessable("payout-wrong-project", item.payoutId(), projectCode);
        }
        if (!"BANK_TRANSFER".equals(item.channel())) {
            throw ProblemException.unprocessable("not-a-bank-transfer", item.payoutId());
        }
        if (!"ISSUED".equals(item.status()) || item.bankFileId() != null) {
            throw ProblemException.conflict("payout-not-issued", item.payoutId(), item.status());
        }
        if (me.equals(item.decidedBy()) || me.equals(item.firstApprovedBy())) {
            throw RuleRefusal.separationOfDuties(PayoutService.APPROVER_CANNOT_PAY);
        }
        if (item.member() != null && me.equals(item.accountSetBy())) {
            // The registry's accounts of hardship files are set there, out of this service's sight; a member's is set here.
            throw RuleRefusal.memberSeparationOfDuties(MemberClaims.ACCOUNT_SETTER_CANNOT_EXPORT);
        }
    }

    /**
     * The accounts of the payouts' households, read from the registry in calls of up to {@link Registry#LOOKUP_MAX}
     * files, {@link #LANES} calls at a time (more would only queue on the registry's cores and run into the calls'
     * timeout), each with the request's id in its log lines; a call that fails fails the export.
     */
    private Map<Long, BankAccount> accountsOf(List<Item> items) {
        List<Long> workers = items.stream().map(Item::workerId).filter(Objects::nonNull).distinct().toList();
        List<List<Long>> parts = new ArrayList<>();
        for (int from = 0; from < workers.size(); from += Registry.LOOKUP_MAX) {
            parts.add(workers.subList(from, Math.min(workers.size(), from + Registry.LOOKUP_MAX)));
        }
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        List<CompletableFuture<Map<Long, BankAccount>>> lanes = new ArrayList<>();
        for (int lane = 0; lane < Math.min(LANES, parts.size()); lane++) {
            List<List<Long>> mine = new ArrayList<>();
            for (int i = lane; i < parts.size(); i += LANES) {
                mine.add(parts.get(i));
            }
            lanes.add(executor.supplyAsync(() -> {
                if (requestId != null) {
                    MDC.put(RequestIds.MDC_KEY, requestId);
                }
                try {
                    Map<Long, BankAccount> found = new HashMap<>();
                    mine.forEach(part -> found.putAll(registry.bankAccounts(part)));
                    return found;
                } finally {
                    MDC.remove(RequestIds.MDC_KEY);
                }
            }));
        }
        Map<Long, BankAccount> accounts = new HashMap<>();
        for (CompletableFuture<Map<Long, BankAccount>> lane : lanes) {
            try {
                accounts.putAll(lane.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return accounts;
    }

    private BankAccount open(MemberAccount m) {
        if (m.bankName() == null || m.accountNumber() == null) {
            return null;
        }
        return new BankAccount(m.bankName(), new String(cipher.open(m.accountNumber(), SealedColumns.MEMBER_BANK_ACCOUNT),
                StandardCharsets.UTF_8), new String(cipher.open(m.name(), SealedColumns.MEMBER_NAME), StandardCharsets.UTF_8));
    }

    private static boolean complete(BankAccount a) {
        return a.accountNumber() != null && !a.accountNumber().isBlank() && a.accountName() != null
                && !a.accountName().isBlank() && a.bankName() != null && !a.bankName().isBlank();
    }

    /**
     * ISSUED -> SENT for the payouts still ISSUED, in no file, of the project, and their lines of the file, in one
     * statement (no index holds a payout's status or file: a HOT update); the ids it moved.
     */
    private Set<Long> send(long fileId, String projectCode, Long[] ids, Instant at) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    WITH sent AS (
                        UPDATE payout SET status = 'SENT', bank_file_id = ?, sent_at = ?
                         WHERE id = ANY (?) AND status = 'ISSUED' AND bank_file_id IS NULL
                           AND channel = 'BANK_TRANSFER' AND project_code = ?
                        RETURNING id, reference)
                    INSERT INTO bank_file_line (bank_file_id, reference, payout_id)
                    SELECT ?, reference, id FROM sent ORDER BY reference
                    RETURNING payout_id""")) {
                Array array = c.createArrayOf("bigint", ids);
                update.setLong(1, fileId);
                update.setTimestamp(2, Timestamp.from(at));
                update.setArray(3, array);
                update.setString(4, projectCode);
                update.setLong(5, fileId);
                Set<Long> moved = new HashSet<>();
                try (ResultSet rows = update.executeQuery()) {
                    while (rows.next()) {
                        moved.add(rows.getLong(1));
                    }
                }
                return moved;
            }
        });
    }

    private Map<Long, Item> read(List<Long> ids) {
        genericPlans(em);
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT p.id, p.project_code, p.channel, p.status, p.bank_file_id, p.reference, p.amount,
                           a.worker_id, a.decided_by, a.first_approved_by, a.member_id, m.bank_name, m.bank_account_number, m.name,
                           m.bank_account_set_by
                      FROM payout p JOIN application a ON a.id = p.application_id
                      LEFT JOIN mutual_aid_member m ON m.id = a.member_id
                     WHERE p.id = ANY (?)""")) {
                select.setArray(1, c.createArrayOf("bigint", ids.toArray(Long[]::new)));
                Map<Long, Item> items = new LinkedHashMap<>();
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        long worker = r.getLong(8);
                        Long workerId = r.wasNull() ? null : worker;
                        long file = r.getLong(5);
                        Long fileId = r.wasNull() ? null : file;
                        r.getLong(11);
                        MemberAccount member = r.wasNull() ? null : new MemberAccount(r.getString(12), r.getBytes(13), r.getBytes(14));
                        items.put(r.getLong(1), new Item(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                                fileId, r.getString(6), r.getBigDecimal(7), workerId, r.getString(9), r.getString(10), member,
                                r.getString(15)));
                    }
                }
                return items;
            }
        });
    }

    /**
     * The transaction's statements planned for any number of ids (index lookups per id), not for the array at hand:
     * a plan made for 10,000 ids hashes whole tables and grows with them (bench/results/bank-file.md). pgjdbc sends a
     * statement unnamed until its fifth execution, and PostgreSQL would plan each of those for its values.
     */
    static void genericPlans(EntityManager em) {
        em.createNativeQuery("SET LOCAL plan_cache_mode = force_generic_plan").executeUpdate();
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
