package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.crypto.PersonalDataCipher;
import org.unionaid.registry.crypto.SealedColumns;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.service.view.WorkerViews.WorkerView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A reviewer merges a duplicate file ({@code from}) into the surviving one, in one transaction: {@code from} becomes
 * CANCELLED with {@code mergedInto}, the files merged into it before are re-pointed to the survivor (one level deep),
 * the survivor's {@code lastAidedAt} is the later of both, each file gets a history entry and the moved files a feed
 * item. Both rows are locked in id order, so two merges of the same pair (A into B, B into A) are one after the
 * other and the second finds its file CANCELLED.
 */
@ApplicationScoped
public class FileMerge {

    private final EntityManager em;
    private final PersonalDataCipher cipher;
    private final FileJournal journal;
    private final WorkerFeedItems feed;
    private final FileViews views;

    FileMerge(EntityManager em, PersonalDataCipher cipher, FileJournal journal, WorkerFeedItems feed, FileViews views) {
        this.em = em;
        this.cipher = cipher;
        this.journal = journal;
        this.feed = feed;
        this.views = views;
    }

    @Transactional
    public WorkerView merge(long survivorId, long fromId, String reason, Caller caller, StationScope scope) {
        if (survivorId == fromId) {
            throw ProblemException.invalid("from", "must name another file than the one it is merged into");
        }
        HardshipFile low = lock(Math.min(survivorId, fromId), scope);
        HardshipFile high = lock(Math.max(survivorId, fromId), scope);
        HardshipFile survivor = low.id == survivorId ? low : high;
        HardshipFile from = low.id == fromId ? low : high;
        requireMergeable(survivor);
        requireMergeable(from);
        // Separation of duties as for approval: whoever entered either file does not decide that they are one.
        MakerChecker.require(survivor.createdBy, caller);
        MakerChecker.require(from.createdBy, caller);

        Instant now = Instant.now();
        List<Long> before = MergedFiles.into(survivor.id).stream().map(f -> f.id).toList();
        List<HardshipFile> repointed = em.createQuery("from HardshipFile where mergedInto = :from order by id", HardshipFile.class)
                .setParameter("from", from.id).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        for (HardshipFile earlier : repointed) {
            earlier.mergedInto = survivor.id;
            earlier.updatedAt = now;
        }
        // the re-pointed rows first: the database refuses a file merged while others still point to it
        em.flush();
        FileStatus fromStatus = from.status;
        from.status = FileStatus.CANCELLED;
        from.mergedInto = survivor.id;
        from.statusReasonEnc = cipher.sealText(reason, SealedColumns.STATUS_REASON);
        from.closedAt = now;
        from.updatedAt = now;
        Instant aidedBefore = survivor.lastAidedAt;
        survivor.lastAidedAt = later(survivor.lastAidedAt, from.lastAidedAt);
        survivor.updatedAt = now;
        em.flush();

        List<Long> after = new ArrayList<>(before);
        after.add(from.id);
        repointed.forEach(f -> after.add(f.id));
        after.sort(null);
        FieldChanges survivorChanges = new FieldChanges();
        survivorChanges.put("mergedFrom", before, after);
        survivorChanges.put("lastAidedAt", aidedBefore, survivor.lastAidedAt);
        journal.event(survivor.id, caller.subject(), "MERGED_FROM", null, null, reason, survivorChanges);
        FieldChanges fromChanges = new FieldChanges();
        fromChanges.put("mergedInto", null, survivor.id);
        journal.event(from.id, caller.subject(), "MERGED_INTO", fromStatus, FileStatus.CANCELLED, reason, fromChanges);
        feed.publish(from);
        for (HardshipFile earlier : repointed) {
            FieldChanges moved = new FieldChanges();
            moved.put("mergedInto", from.id, survivor.id);
            journal.event(earlier.id, caller.subject(), "MERGED_INTO", null, null, reason, moved);
            feed.publish(earlier);
        }
        return views.answer(survivor, caller, "MERGE");
    }

    /** The file's row locked for the merge; a file the caller may not see is not found. */
    private HardshipFile lock(long id, StationScope scope) {
        HardshipFile file = scope.seesNothing() ? null : em.find(HardshipFile.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (file == null || !scope.covers(file.stationPath)) {
            throw ProblemException.notFound("File", id);
        }
        return file;
    }

    /** Only open files are merged (one that is merged already is CANCELLED): 409 naming the file and its status. */
    private static void requireMergeable(HardshipFile file) {
        if (!file.isOpen() || file.mergedInto != null) {
            throw ProblemException.conflict("file-not-mergeable", file.id, file.status);
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
