package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.domain.FileReview;
import org.unionaid.registry.domain.ReviewStatus;
import org.unionaid.registry.domain.Station;
import org.unionaid.registry.service.view.ReviewViews.ReviewRow;
import org.unionaid.registry.service.view.ReviewViews.ReviewView;

import java.util.List;
import java.util.Optional;

/**
 * A file's yearly reviews with their figures, each answer a row of the file's access log; and the list across
 * files a reviewer works from, which shows no figures and decrypts nothing.
 */
@ApplicationScoped
public class FileReviewReads {

    private final EntityManager em;
    private final HardshipFileService files;
    private final ReviewViews views;
    private final FileJournal journal;

    FileReviewReads(EntityManager em, HardshipFileService files, ReviewViews views, FileJournal journal) {
        this.em = em;
        this.files = files;
        this.views = views;
        this.journal = journal;
    }

    @Transactional
    public Optional<ReviewView> get(long fileId, long reviewId, Caller caller, StationScope scope) {
        return files.visible(fileId, scope).flatMap(file -> FileReview.<FileReview>findByIdOptional(reviewId)
                .filter(r -> r.fileId == file.id)
                .map(r -> {
                    journal.access(file.id, caller.subject(), FileReviewService.ACCESS, false);
                    return views.view(r, file);
                }));
    }

    /** A file's reviews, oldest first. */
    @Transactional
    public Optional<Page<ReviewView>> ofFile(long fileId, String cursor, int limit, Caller caller, StationScope scope) {
        return files.visible(fileId, scope).map(file -> {
            List<FileReview> rows = FileReview.<FileReview>find("fileId = ?1 and id > ?2 order by id", file.id,
                    Cursors.decodeLong(cursor)).range(0, limit).list();
            journal.access(file.id, caller.subject(), "REVIEWS", false);
            return Cursors.page(rows, limit, r -> new Object[] {r.id}, r -> views.view(r, file));
        });
    }

    /**
     * Reviews across the files the caller may see, oldest first: by status and by station (the file's station and
     * those below it). An unknown station lists nothing.
     */
    @Transactional
    public Page<ReviewRow> list(ReviewStatus status, String station, String cursor, int limit, StationScope scope) {
        long after = Cursors.decodeLong(cursor);
        Optional<String> stationPath = station == null ? Optional.empty()
                : Station.<Station>findByIdOptional(station).map(s -> s.path);
        if (scope.seesNothing() || station != null && stationPath.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        String jpql = "select r, f.stationCode, f.exitProposed from FileReview r, HardshipFile f"
                + " where f.id = r.fileId and r.id > :after"
                + (status == null ? "" : " and r.status = :status")
                + (stationPath.isEmpty() ? "" : " and f.stationPath like :station escape '!'")
                + (scope.prefix().isEmpty() ? "" : " and f.stationPath like :scope escape '!'")
                + " order by r.id";
        var query = em.createQuery(jpql, Object[].class).setParameter("after", after).setMaxResults(limit + 1);
        if (status != null) {
            query.setParameter("status", status);
        }
        stationPath.ifPresent(path -> query.setParameter("station", HardshipFileService.likePrefix(path)));
        scope.prefix().ifPresent(prefix -> query.setParameter("scope", HardshipFileService.likePrefix(prefix)));
        return Cursors.page(query.getResultList(), limit, row -> new Object[] {((FileReview) row[0]).id}, row -> {
            FileReview r = (FileReview) row[0];
            return new ReviewRow(r.id, r.fileId, (String) row[1], r.status, r.outcome, (Boolean) row[2], r.filedBy,
                    r.filedAt, r.decidedBy, r.decidedAt);
        });
    }
}
