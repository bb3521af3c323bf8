package org.unionaid.registry.feed;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.Category;
import org.unionaid.registry.domain.Cause;
import org.unionaid.registry.domain.ExitReason;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.StationLevel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The feeds' answers as the contract states them. {@link FeedResource} passes the stored payloads through as
 * PostgreSQL assembles them, so these types are read by no code: they say what service.WorkerFeedItems and
 * StationService write, and OpenApiContractTest reads a real feed page against them.
 */
final class FeedPages {

    private FeedPages() {
    }

    @Schema(name = "WorkerFeedPage", description = "Items after `after`, ascending seq; lastSeq is the last item's seq, or after when none")
    record WorkerFeedPage(List<WorkerFeedItem> items, long lastSeq) {
    }

    @Schema(name = "WorkerFeedItem", description = "A file's reportable state after a change: no name, ID number, income or health")
    record WorkerFeedItem(long seq, long fileId, FileStatus status, Category category, Cause mainCause,
                          List<Cause> otherCauses, String stationCode, Long enterpriseId, boolean migrantWorker,
                          LocalDate createdOn, LocalDate activatedOn,
                          @Schema(description = "Set when the file is EXITED") LocalDate exitedOn, ExitReason exitReason,
                          @Schema(description = "The file this one was merged into; null unless merged") Long mergedInto,
                          Instant changedAt) {
    }

    @Schema(name = "StationFeedPage", description = "Items after `after`, ascending seq; lastSeq is the last item's seq, or after when none")
    record StationFeedPage(List<StationFeedItem> items, long lastSeq) {
    }

    @Schema(name = "StationFeedItem", description = "A station created")
    record StationFeedItem(long seq, String code, String name, String parentCode, StationLevel level,
                           @Schema(description = "The chain of codes from the city down ('/C01/D02/')") String path) {
    }
}
