package org.unionaid.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.registry.crypto.PersonalDataCipher;
import org.unionaid.registry.crypto.SealedColumns;
import org.unionaid.registry.domain.BankAccountChange;
import org.unionaid.registry.domain.CheckStep;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.service.view.BankAccountViews.BankAccountChangeView;
import org.unionaid.registry.service.view.WorkerViews.AccessEntry;
import org.unionaid.registry.service.view.WorkerViews.CheckView;
import org.unionaid.registry.service.view.WorkerViews.HistoryEntry;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The append-only records around a file: its history, its checks, and reads of its full data. Their free
 * text (a check's note, an entry's reason, a review's note) is sealed ({@link SealedColumns}) and opened for
 * the rows of the page answered only; the history keeps the names of changed fields in the clear and their old and
 * new values sealed (a change of the bank account apart: sealed before and after, answered masked).
 */
@ApplicationScoped
public class FileJournal {

    private final EntityManager em;
    private final PersonalDataCipher cipher;
    private final BankAccountSeal bankAccounts;
    private final ObjectMapper json;

    FileJournal(EntityManager em, PersonalDataCipher cipher, BankAccountSeal bankAccounts, ObjectMapper json) {
        this.em = em;
        this.cipher = cipher;
        this.bankAccounts = bankAccounts;
        this.json = json;
    }

    /** An entry with the old and new value of every changed field: the names in the clear, the values sealed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void event(long fileId, String actor, String action, String reason, FieldChanges changes) {
        insert(fileId, actor, action, null, null, reason, null, changes.fields(), null,
                cipher.sealText(write(changes.asMap()), SealedColumns.EVENT_CHANGES));
    }

    /** An entry with a move of status and the old and new value of every changed field (a merge's). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void event(long fileId, String actor, String action, FileStatus from, FileStatus to, String reason,
                      FieldChanges changes) {
        insert(fileId, actor, action, from, to, reason, null, changes.fields(), null,
                cipher.sealText(write(changes.asMap()), SealedColumns.EVENT_CHANGES));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void event(long fileId, String actor, String action, FileStatus from, FileStatus to, String reason,
                      List<String> changedFields) {
        event(fileId, actor, action, from, to, reason, null, changedFields);
    }

    /** An entry with a note of its own (a yearly review's). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void event(long fileId, String actor, String action, FileStatus from, FileStatus to, String reason,
                      String note, List<String> changedFields) {
        event(fileId, actor, action, from, to, reason, note, changedFields, null);
    }

    /** An entry that keeps a change of the bank account, sealed by {@link BankAccountSeal#sealChange}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void event(long fileId, String actor, String action, FileStatus from, FileStatus to, String reason,
                      String note, List<String> changedFields, byte[] sealedBankAccountChange) {
        insert(fileId, actor, action, from, to, reason, note, changedFields, sealedBankAccountChange, null);
    }

    private void insert(long fileId, String actor, String action, FileStatus from, FileStatus to, String reason,
                        String note, List<String> changedFields, byte[] sealedBankAccountChange, byte[] sealedChanges) {
        em.createNativeQuery("INSERT INTO file_event (file_id, actor, action, from_status, to_status, reason_enc, note_enc,"
                        + " changed_fields, bank_account_enc, changes_enc) VALUES (:file, :actor, :action, :from, :to, :reason,"
                        + " :note, :fields, :bankAccount, :changes)")
                .setParameter("file", fileId)
                .setParameter("actor", actor)
                .setParameter("action", action)
                .setParameter("from", from == null ? null : from.name())
                .setParameter("to", to == null ? null : to.name())
                .setParameter("reason", sealed(reason, SealedColumns.EVENT_REASON))
                .setParameter("note", sealed(note, SealedColumns.EVENT_NOTE))
                .setParameter("fields", changedFields == null || changedFields.isEmpty() ? null : String.join(",", changedFields))
                .setParameter("bankAccount", bytea(sealedBankAccountChange))
                .setParameter("changes", bytea(sealedChanges))
                .executeUpdate();
    }

    /** The same event for many files in one batch: for bulk paths. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void events(List<Long> fileIds, String actor, String action, List<FileStatus> to, String reason) {
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO file_event (file_id, actor, action, to_status, reason_enc) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < fileIds.size(); i++) {
                    insert.setLong(1, fileIds.get(i));
                    insert.setString(2, actor);
                    insert.setString(3, action);
                    insert.setString(4, to.get(i).name());
                    insert.setBytes(5, cipher.sealText(reason, SealedColumns.EVENT_REASON));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** One read of a file's personal data; {@code fullIdNumber} when it showed the whole ID number. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void access(long fileId, String actor, String purpose, boolean fullIdNumber) {
        em.createNativeQuery("INSERT INTO file_access (file_id, actor, purpose, full_id_number)"
                        + " VALUES (:file, :actor, :purpose, :full)")
                .setParameter("file", fileId).setParameter("actor", actor).setParameter("purpose", purpose)
                .setParameter("full", fullIdNumber)
                .executeUpdate();
    }

    /** The reads of a page of files (masked), in one statement whatever the page's size. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reads(List<Long> fileIds, String actor, String purpose) {
        if (fileIds.isEmpty()) {
            return;
        }
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO file_access (file_id, actor, purpose, full_id_number)"
                            + " SELECT f, ?, ?, false FROM unnest(?) AS f")) {
                insert.setString(1, actor);
                insert.setString(2, purpose);
                insert.setArray(3, connection.createArrayOf("bigint", fileIds.toArray()));
                insert.executeUpdate();
            }
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public CheckView check(long fileId, CheckEntry check, String actor, Instant recordedAt) {
        Tuple row = (Tuple) em.createNativeQuery("INSERT INTO file_check (file_id, step, passed, consent_signed, notice_start,"
                        + " notice_end, objection, note_enc, recorded_by, recorded_at) VALUES (:file, :step, :passed, :consent, :start,"
                        + " :end, :objection, :note, :actor, :at) RETURNING " + CHECK_COLUMNS, Tuple.class)
                .setParameter("file", fileId)
                .setParameter("step", check.step().name())
                .setParameter("passed", check.passed())
                .setParameter("consent", check.consentSigned())
                .setParameter("start", check.noticeStart())
                .setParameter("end", check.noticeEnd())
                .setParameter("objection", check.objection())
                .setParameter("note", sealed(check.note(), SealedColumns.CHECK_NOTE))
                .setParameter("actor", actor)
                .setParameter("at", recordedAt)
                .getSingleResult();
        return checkView(row);
    }

    /** The latest check of each step. */
    public Map<CheckStep, CheckView> latestChecks(long fileId) {
        return checks(fileId).stream().collect(Collectors.toMap(CheckView::step, Function.identity(), (a, b) -> b));
    }

    @SuppressWarnings("unchecked")
    public List<CheckView> checks(long fileId) {
        List<Tuple> rows = em.createNativeQuery("SELECT " + CHECK_COLUMNS + " FROM file_check WHERE file_id = :file ORDER BY id",
                Tuple.class).setParameter("file", fileId).getResultList();
        return rows.stream().map(this::checkView).toList();
    }

    @SuppressWarnings("unchecked")
    public Page<HistoryEntry> history(long fileId, String cursor, int limit, boolean showValues) {
        long after = Cursors.decodeLong(cursor);
        List<Tuple> rows = em.createNativeQuery("SELECT id, at, actor, action, from_status, to_status, reason_enc, note_enc, changed_fields,"
                        + " bank_account_enc, changes_enc FROM file_event WHERE file_id = :file AND id > :after ORDER BY id LIMIT :limit", Tuple.class)
                .setParameter("file", fileId).setParameter("after", after).setParameter("limit", limit + 1)
                .getResultList();
        return Cursors.page(rows, limit, r -> new Object[] {r.get(0)}, r -> new HistoryEntry(
                ((Number) r.get(0)).longValue(), instant(r.get(1)), (String) r.get(2), (String) r.get(3),
                status(r.get(4)), status(r.get(5)), cipher.openText((byte[]) r.get(6), SealedColumns.EVENT_REASON),
                cipher.openText((byte[]) r.get(7), SealedColumns.EVENT_NOTE),
                r.get(8) == null ? List.of() : Arrays.asList(((String) r.get(8)).split(",")), bankAccountChange((byte[]) r.get(9)),
                showValues ? values((byte[]) r.get(10)) : null));
    }

    @SuppressWarnings("unchecked")
    public Page<AccessEntry> accesses(long fileId, String cursor, int limit) {
        long after = Cursors.decodeLong(cursor);
        List<Tuple> rows = em.createNativeQuery("SELECT id, at, actor, purpose, full_id_number FROM file_access"
                        + " WHERE file_id = :file AND id > :after ORDER BY id LIMIT :limit", Tuple.class)
                .setParameter("file", fileId).setParameter("after", after).setParameter("limit", limit + 1)
                .getResultList();
        return Cursors.page(rows, limit, r -> new Object[] {r.get(0)}, r -> new AccessEntry(
                ((Number) r.get(0)).longValue(), instant(r.get(1)), (String) r.get(2), (String) r.get(3), (Boolean) r.get(4)));
    }

    private static final String CHECK_COLUMNS =
            "id, step, passed, consent_signed, notice_start, notice_end, objection, note_enc, recorded_by, recorded_at";

    private CheckView checkView(Tuple r) {
        return new CheckView(((Number) r.get(0)).longValue(), CheckStep.valueOf((String) r.get(1)), (Boolean) r.get(2),
                (Boolean) r.get(3), date(r.get(4)), date(r.get(5)), (Boolean) r.get(6),
                cipher.openText((byte[]) r.get(7), SealedColumns.CHECK_NOTE), (String) r.get(8), instant(r.get(9)));
    }

    /**
     * A sealed text as a typed bytea parameter: a null bound as an untyped parameter of a native query would
     * be sent as varchar, which PostgreSQL does not cast to bytea.
     */
    private org.hibernate.query.TypedParameterValue<byte[]> sealed(String text, String purpose) {
        return bytea(cipher.sealText(text, purpose));
    }

    private static org.hibernate.query.TypedParameterValue<byte[]> bytea(byte[] value) {
        return new org.hibernate.query.TypedParameterValue<>(org.hibernate.type.StandardBasicTypes.BINARY, value);
    }

    /** A history entry's change of the bank account, masked as every answer shows it; null for other entries. */
    private BankAccountChangeView bankAccountChange(byte[] sealed) {
        BankAccountChange change = bankAccounts.openChange(sealed);
        return change == null ? null : BankAccountChangeView.of(change);
    }

    /** A history entry's old and new values, opened; null for entries that keep none. */
    private JsonNode values(byte[] sealed) {
        String text = cipher.openText(sealed, SealedColumns.EVENT_CHANGES);
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A history entry's values are unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A history entry's values are not serialisable", e);
        }
    }

    private static FileStatus status(Object value) {
        return value == null ? null : FileStatus.valueOf((String) value);
    }

    private static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
