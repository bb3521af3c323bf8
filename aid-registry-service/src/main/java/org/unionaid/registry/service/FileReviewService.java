package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.domain.Category;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.Household;
import org.unionaid.registry.domain.HouseholdEntry;
import org.unionaid.registry.rest.WorkerDtos.ReviewResult;

import java.time.Instant;
import java.util.List;

/** The yearly re-check of an active file with new income figures. */
@ApplicationScoped
public class FileReviewService {

    private final EntityManager em;
    private final HardshipFileService files;
    private final HouseholdAssessor assessor;
    private final HouseholdSeal households;
    private final FileJournal journal;
    private final WorkerFeedItems feed;

    FileReviewService(EntityManager em, HardshipFileService files, HouseholdAssessor assessor, HouseholdSeal households,
                      FileJournal journal, WorkerFeedItems feed) {
        this.em = em;
        this.files = files;
        this.assessor = assessor;
        this.households = households;
        this.journal = journal;
        this.feed = feed;
    }

    @Transactional
    public ReviewResult review(long id, HouseholdEntry entry, String note, Caller caller, StationScope scope) {
        HardshipFile file = files.visible(id, scope).orElseThrow(() -> ProblemException.notFound("File", id));
        if (file.status != FileStatus.ACTIVE) {
            throw ProblemException.conflict("review-not-active", file.status);
        }
        Household before = households.open(file);
        int year = FileRules.thisYear();
        Household after = assessor.assessAllowingAboveLine(entry, before.members(), before.accident(), year);
        Category category = assessor.categoryOf(after, year);
        Instant now = Instant.now();
        String outcome;
        if (category != null) {
            file.category = category;
            outcome = "ELIGIBLE";
        } else {
            outcome = "ABOVE_LINE";
        }
        households.store(file, after);
        file.lastReviewedAt = now;
        file.nextReviewDue = FileRules.today().plusYears(1);
        file.updatedAt = now;
        em.flush();
        journal.event(file.id, caller.subject(), "REVIEW", null, null, outcome, note, List.of("household"));
        journal.access(file.id, caller.subject(), "REVIEW", false);
        feed.publish(file);
        return new ReviewResult(file.id, outcome, file.category, after.perCapitaMonthlyIncome(), file.nextReviewDue);
    }
}
