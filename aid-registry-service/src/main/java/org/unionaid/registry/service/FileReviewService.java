package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.security.Caller;
import org.unionaid.common.security.Roles;
import org.unionaid.registry.crypto.PersonalDataCipher;
import org.unionaid.registry.crypto.SealedColumns;
import org.unionaid.registry.domain.Category;
import org.unionaid.registry.domain.ExitReason;
import org.unionaid.registry.domain.FileReview;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.Household;
import org.unionaid.registry.domain.HouseholdEntry;
import org.unionaid.registry.domain.ReviewOutcome;
import org.unionaid.registry.domain.ReviewStatus;
import org.unionaid.registry.service.view.ReviewViews.ReviewView;

import java.time.Instant;
import java.util.List;

/**
 * The yearly re-check of an ACTIVE file with new figures, the two writes. A clerk's review is a proposal: a
 * reviewer who did not file it applies or rejects it (within the line), exits or keeps the file (above the line,
 * the file {@code exitProposed} meanwhile). A reviewer's own review within the line applies at once; above the
 * line it waits as a clerk's does, but he may decide it himself (exiting a file is a reviewer's move anyway).
 */
@ApplicationScoped
public class FileReviewService {

    static final String ACCESS = "REVIEW";

    private final EntityManager em;
    private final PersonalDataCipher cipher;
    private final HardshipFileService files;
    private final HouseholdAssessor assessor;
    private final HouseholdSeal households;
    private final ReviewViews views;
    private final FileJournal journal;
    private final WorkerFeedItems feed;

    FileReviewService(EntityManager em, PersonalDataCipher cipher, HardshipFileService files, HouseholdAssessor assessor,
                      HouseholdSeal households, ReviewViews views, FileJournal journal, WorkerFeedItems feed) {
        this.em = em;
        this.cipher = cipher;
        this.files = files;
        this.assessor = assessor;
        this.households = households;
        this.views = views;
        this.journal = journal;
        this.feed = feed;
    }

    @Transactional
    public ReviewView file(long id, HouseholdEntry entry, String note, Caller caller, StationScope scope) {
        HardshipFile file = files.visible(id, scope).orElseThrow(() -> ProblemException.notFound("File", id));
        // Filings and decisions of one file take turns on its row.
        em.refresh(file, LockModeType.PESSIMISTIC_WRITE);
        if (file.status != FileStatus.ACTIVE) {
            throw ProblemException.conflict("review-not-active", file.status);
        }
        if (FileReview.count("fileId = ?1 and status = ?2", file.id, ReviewStatus.PENDING) > 0) {
            throw ProblemException.conflict("review-pending");
        }
        Household before = households.open(file);
        int year = FileRules.thisYear();
        Household reviewed = assessor.assessAllowingAboveLine(entry, before.members(), before.accident(), year);
        Category category = assessor.categoryOf(reviewed, year);
        Instant now = Instant.now();
        FileReview review = new FileReview();
        review.fileId = file.id;
        review.status = ReviewStatus.PENDING;
        review.outcome = category == null ? ReviewOutcome.ABOVE_LINE : ReviewOutcome.ELIGIBLE;
        review.category = category;
        review.householdEnc = views.seal(reviewed);
        review.filedBy = caller.subject();
        review.filedByReviewer = caller.is(Roles.REVIEWER);
        review.filedAt = now;
        if (category == null) {
            file.exitProposed = true;
            file.updatedAt = now;
        }
        em.flush();
        review.baseVersion = file.version;
        try {
            review.persist();
            em.flush();
        } catch (PersistenceException e) {
            throw ProblemException.conflict("review-pending");
        }
        journal.event(file.id, caller.subject(), "REVIEW", null, null, review.outcome.name(), note, List.of("household"));
        if (review.filedByReviewer && category != null) {
            apply(file, review, null, caller, now);
        }
        journal.access(file.id, caller.subject(), ACCESS, false);
        return views.view(review, file);
    }

    /**
     * Decides a pending review. Its row is locked, so of two reviewers deciding at once one decides and the other
     * finds it decided (409). Applying new figures needs the file as it was when the review was filed (409
     * file-changed otherwise: reject it and review again); exiting or keeping does not depend on the figures.
     */
    @Transactional
    public ReviewView decide(long fileId, long reviewId, boolean approve, String reason, Caller caller,
                             StationScope scope) {
        if (!caller.is(Roles.REVIEWER)) {
            throw new ProblemException(403, "reviewer-decides");
        }
        FileReview review = em.find(FileReview.class, reviewId, LockModeType.PESSIMISTIC_WRITE);
        if (review == null || review.fileId != fileId || files.visible(fileId, scope).isEmpty()) {
            throw ProblemException.notFound("Review", reviewId);
        }
        if (review.status != ReviewStatus.PENDING) {
            throw ProblemException.conflict("review-decided", review.status);
        }
        if (!review.filedByReviewer) {
            MakerChecker.require(review.filedBy, caller);
        }
        boolean keepsFigures = approve && review.outcome == ReviewOutcome.ELIGIBLE;
        if (!approve && (reason == null || reason.isBlank())) {
            throw ProblemException.invalid(review.outcome == ReviewOutcome.ELIGIBLE
                    ? Violation.keyed("reason", "review-reject-reason")
                    : Violation.keyed("reason", "review-keep-reason"));
        }
        HardshipFile file = em.find(HardshipFile.class, fileId, LockModeType.PESSIMISTIC_WRITE);
        if (file.status != FileStatus.ACTIVE) {
            throw ProblemException.conflict("review-not-active", file.status);
        }
        if (keepsFigures && file.version != review.baseVersion) {
            throw ProblemException.conflict("file-changed");
        }
        Instant now = Instant.now();
        if (keepsFigures) {
            apply(file, review, reason, caller, now);
        } else if (review.outcome == ReviewOutcome.ELIGIBLE) {
            decided(review, ReviewStatus.REJECTED, reason, caller, now);
            journal.event(file.id, caller.subject(), "REVIEW_REJECTED", null, null, reason, List.of());
        } else if (approve) {
            decided(review, ReviewStatus.EXITED, reason, caller, now);
            file.exitProposed = false;
            file.status = FileStatus.EXITED;
            FileLifecycle.exit(file, ExitReason.INCOME_ABOVE_LINE, now);
            file.statusReasonEnc = cipher.sealText(reason, SealedColumns.STATUS_REASON);
            file.updatedAt = now;
            em.flush();
            journal.event(file.id, caller.subject(), "TRANSITION", FileStatus.ACTIVE, FileStatus.EXITED, reason, List.of());
            feed.publish(file);
        } else {
            decided(review, ReviewStatus.KEPT, reason, caller, now);
            file.exitProposed = false;
            reviewed(file, now);
            journal.event(file.id, caller.subject(), "REVIEW_KEPT", null, null, reason, List.of());
        }
        em.flush();
        journal.access(file.id, caller.subject(), ACCESS, false);
        return views.view(review, file);
    }

    /**
     * A file exited by a transition while a review of it waits: the review is decided with it (EXITED above the
     * line, REJECTED within), so no review stays pending on a closed file.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void closePending(HardshipFile file, String reason, Caller caller, Instant at) {
        FileReview.<FileReview>find("fileId = ?1 and status = ?2", file.id, ReviewStatus.PENDING).firstResultOptional()
                .ifPresent(review -> decided(review,
                        review.outcome == ReviewOutcome.ABOVE_LINE ? ReviewStatus.EXITED : ReviewStatus.REJECTED,
                        reason, caller, at));
        file.exitProposed = false;
    }

    /** The reviewed figures become the file's: the category computed again, the next review a year on. */
    private void apply(HardshipFile file, FileReview review, String reason, Caller caller, Instant now) {
        Household before = households.open(file);
        Household after = views.open(review);
        Category category = file.category;
        households.store(file, after);
        reviewed(file, now);
        decided(review, ReviewStatus.APPLIED, reason, caller, now);
        em.flush();
        FieldChanges changes = new FieldChanges();
        changes.putAlways("household", FileViews.householdValue(before), FileViews.householdValue(after));
        changes.put("category", category, file.category);
        journal.event(file.id, caller.subject(), "REVIEW_APPLIED", reason, changes);
        feed.publish(file);
    }

    private static void reviewed(HardshipFile file, Instant now) {
        file.lastReviewedAt = now;
        file.nextReviewDue = FileRules.today().plusYears(1);
        file.updatedAt = now;
    }

    private void decided(FileReview review, ReviewStatus status, String reason, Caller caller, Instant now) {
        review.status = status;
        review.decidedBy = caller.subject();
        review.decidedAt = now;
        review.decisionReasonEnc = cipher.sealText(reason, SealedColumns.REVIEW_DECISION_REASON);
    }
}
