package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.domain.FileReview;
import org.unionaid.registry.rest.ReviewDtos.ReviewView;

import java.util.List;
import java.util.Optional;

/** A file's yearly reviews with their figures; each answer is a row of the file's access log. */
@ApplicationScoped
public class FileReviewReads {

    private final HardshipFileService files;
    private final ReviewViews views;
    private final FileJournal journal;

    FileReviewReads(HardshipFileService files, ReviewViews views, FileJournal journal) {
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
}
