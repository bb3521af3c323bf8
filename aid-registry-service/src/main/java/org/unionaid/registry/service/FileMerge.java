package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.domain.ChangeRequest;
import org.unionaid.registry.domain.ChangeRequestStatus;
import org.unionaid.registry.domain.FileReview;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.ReviewStatus;
import org.unionaid.registry.service.view.WorkerViews.WorkerView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A reviewer merges a duplicate file ({@code from}) into the surviving one, in one transaction: {@code from} is
 * cancelled as {@link FileLifecycle} cancels a file, with {@code mergedInto}; the files merged into it before are
 * re-pointed to the survivor (one level deep), the member pairs are stored ({@link MergeMembers}), the survivor's
 * {@code lastAidedAt} is the later of both, each file gets a history entry and the moved files a feed item. The
 * survivor is ACTIVE; {@code from} is open; neither has a decision pending (exit proposal, yearly review, change
 * request). Every check is made on a plain read first, so a refused merge takes no lock; then the rows of the
 * survivor, {@code from} and the files to re-point are locked in id order (as feed.PayoutApplier locks them) and
 * checked again: two merges of one pair (A into B, B into A) are one after the other, and the second is refused.
 */
@ApplicationScoped
public class FileMerge {

    /** Answered when the files merged into {@code from} changed between the read and the locks: retry. */
    static final String RETRY_SECONDS = "1";

    private final EntityManager em;
    private final HardshipFileService files;
    private final FileLifecycle lifecycle;
    private final MergeMembers members;
    private final FileJournal journal;
    private final WorkerFeedItems feed;
    private final FileViews views;

    FileMerge(EntityManager em, HardshipFileService files, FileLifecycle lifecycle, MergeMembers members,
              FileJournal journal, WorkerFeedItems feed, FileViews views) {
        this.em = em;
        this.files = files;
        this.lifecycle = lifecycle;
        this.members = members;
        this.journal = journal;
        this.feed = feed;
        this.views = views;
    }

    @Transactional
    public WorkerView merge(long survivorId, long fromId, String reason, Caller caller, StationScope scope) {
        if (survivorId == fromId) {
            throw ProblemException.invalid(Violation.keyed("from", "merge-same-file"));
        }
        HardshipFile survivor = files.visible(survivorId, scope).orElseThrow(() -> ProblemException.notFound("File", survivorId));
        HardshipFile from = files.visible(fromId, scope).orElseThrow(() -> ProblemException.notFound("File", fromId));
        requireMergeable(survivor, from, caller);
        List<HardshipFile> repointed = MergedFiles.into(from.id);
        Stream.concat(Stream.of(survivor, from), repointed.stream()).sorted(Comparator.comparingLong(f -> f.id))
                .forEach(f -> em.refresh(f, LockModeType.PESSIMISTIC_WRITE));
        requireMergeable(survivor, from, caller);
        if (!ids(MergedFiles.into(from.id)).equals(ids(repointed))) {
            throw new ProblemException(409, "concurrent-update", List.of(), Map.of("Retry-After", RETRY_SECONDS));
        }

        Instant now = Instant.now();
        List<Long> before = ids(MergedFiles.into(survivor.id));
        members.pair(from, repointed, survivor);
        for (HardshipFile earlier : repointed) {
            earlier.mergedInto = survivor.id;
            earlier.updatedAt = now;
        }
        // the re-pointed rows first: the database refuses a file merged while others still point to it
        em.flush();
        FileStatus fromStatus = from.status;
        lifecycle.close(from, FileStatus.CANCELLED, reason, now);
        from.mergedInto = survivor.id;
        survivor.anyMergedInto = true;
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

    /**
     * Separation of duties as for approval (whoever entered either file does not decide that they are one); then the
     * survivor ACTIVE and {@code from} open, neither merged already (409 file-not-mergeable naming the file), and no
     * decision pending on either (409 file-has-pending-decisions).
     */
    private static void requireMergeable(HardshipFile survivor, HardshipFile from, Caller caller) {
        MakerChecker.require(survivor.createdBy, caller);
        MakerChecker.require(from.createdBy, caller);
        if (survivor.status != FileStatus.ACTIVE || survivor.mergedInto != null) {
            throw ProblemException.conflict("file-not-mergeable", survivor.id, survivor.status);
        }
        if (!from.isOpen() || from.mergedInto != null) {
            throw ProblemException.conflict("file-not-mergeable", from.id, from.status);
        }
        requireNoPendingDecision(survivor);
        requireNoPendingDecision(from);
    }

    private static void requireNoPendingDecision(HardshipFile file) {
        if (file.exitProposed || FileReview.count("fileId = ?1 and status = ?2", file.id, ReviewStatus.PENDING) > 0
                || ChangeRequest.count("fileId = ?1 and status = ?2", file.id, ChangeRequestStatus.PENDING) > 0) {
            throw ProblemException.conflict("file-has-pending-decisions", file.id);
        }
    }

    private static List<Long> ids(List<HardshipFile> files) {
        return files.stream().map(f -> f.id).toList();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
