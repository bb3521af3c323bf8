package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.security.Caller;
import org.unionaid.common.security.Roles;
import org.unionaid.registry.crypto.PersonalDataCipher;
import org.unionaid.registry.crypto.SealedColumns;
import org.unionaid.registry.domain.ExitReason;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.service.view.WorkerViews.WorkerView;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A file's way through its statuses: approval after the checks by another reviewer, rejection, exit. */
@ApplicationScoped
public class FileLifecycle {

    private static final Map<FileStatus, Set<FileStatus>> TRANSITIONS = Map.of(
            FileStatus.PENDING, Set.of(FileStatus.ACTIVE, FileStatus.REJECTED, FileStatus.CANCELLED),
            FileStatus.TEMPORARY, Set.of(FileStatus.ACTIVE, FileStatus.CANCELLED),
            FileStatus.ACTIVE, Set.of(FileStatus.EXITED));

    private final EntityManager em;
    private final PersonalDataCipher cipher;
    private final HardshipFileService files;
    private final FileChecksService checks;
    private final FileJournal journal;
    private final WorkerFeedItems feed;
    private final FileViews views;
    private final FileReviewService reviews;

    FileLifecycle(EntityManager em, PersonalDataCipher cipher, HardshipFileService files, FileChecksService checks,
                  FileJournal journal, WorkerFeedItems feed, FileViews views, FileReviewService reviews) {
        this.reviews = reviews;
        this.em = em;
        this.cipher = cipher;
        this.files = files;
        this.checks = checks;
        this.journal = journal;
        this.feed = feed;
        this.views = views;
    }

    /** A move asked for: the target, its reason as written, and an exit's reason. */
    public record Move(FileStatus to, String reason, ExitReason exitReason) {
    }

    @Transactional
    public WorkerView transition(long id, Move request, Caller caller, StationScope scope) {
        HardshipFile file = files.visible(id, scope).orElseThrow(() -> ProblemException.notFound("File", id));
        FileStatus from = file.status;
        FileStatus to = request.to();
        if (!TRANSITIONS.getOrDefault(from, Set.of()).contains(to)) {
            throw ProblemException.conflict("illegal-transition", from, to);
        }
        if (to != FileStatus.CANCELLED && !caller.is(Roles.REVIEWER)) {
            throw new ProblemException(403, "reviewer-decides");
        }
        Instant now = Instant.now();
        switch (to) {
            case ACTIVE -> {
                MakerChecker.require(file.createdBy, caller);
                checks.requireChecksPassed(file);
                file.activatedAt = now;
                file.lastReviewedAt = now;
                file.nextReviewDue = FileRules.today().plusYears(1);
            }
            case EXITED -> {
                if (request.exitReason() == null) {
                    throw ProblemException.invalid(Violation.keyed("exitReason", "exit-reason-required"));
                }
                exit(file, request.exitReason(), now);
                reviews.closePending(file, request.reason(), caller, now);
            }
            case REJECTED, CANCELLED -> {
                if (request.reason() == null || request.reason().isBlank()) {
                    throw ProblemException.invalid(to == FileStatus.REJECTED
                            ? Violation.keyed("reason", "reject-reason-required")
                            : Violation.keyed("reason", "cancel-reason-required"));
                }
                // The files merged into it have their history here: it goes only by EXIT (they stay merged).
                if (!MergedFiles.into(file.id).isEmpty()) {
                    throw ProblemException.conflict("file-has-merged-files", file.id);
                }
            }
            default -> throw ProblemException.conflict("illegal-transition", from, to);
        }
        if (to == FileStatus.REJECTED || to == FileStatus.CANCELLED) {
            close(file, to, request.reason(), now);
        } else {
            settle(file, to, request.reason(), now);
        }
        try {
            em.flush();
        } catch (PersistenceException e) {
            // TEMPORARY -> ACTIVE while another open file has appeared for the same ID number.
            throw ProblemException.conflict(FileEntryService.DUPLICATE);
        }
        journal.event(file.id, caller.subject(), "TRANSITION", from, to, request.reason(), List.of());
        feed.publish(file);
        return views.answer(file, caller, "TRANSITION");
    }

    /** Rejects or cancels a file (a merge cancels its duplicate so too): status, closedAt and the reason, sealed. */
    void close(HardshipFile file, FileStatus to, String reason, Instant now) {
        file.closedAt = now;
        settle(file, to, reason, now);
    }

    private void settle(HardshipFile file, FileStatus to, String reason, Instant now) {
        file.status = to;
        file.statusReasonEnc = cipher.sealText(reason, SealedColumns.STATUS_REASON);
        file.updatedAt = now;
    }

    /** Closes an active file for good (its status is set by the caller). */
    static void exit(HardshipFile file, ExitReason reason, Instant at) {
        file.exitReason = reason;
        file.closedAt = at;
    }
}
