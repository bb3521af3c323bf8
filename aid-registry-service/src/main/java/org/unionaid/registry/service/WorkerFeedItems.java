package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.feed.Feed;
import org.unionaid.registry.feed.FeedWriter;

import java.util.LinkedHashMap;
import java.util.Map;

/** The file's reportable state for the other services (docs/contracts.md): no name, ID number, income or health. */
@ApplicationScoped
public class WorkerFeedItems {

    private final FeedWriter feed;

    WorkerFeedItems(FeedWriter feed) {
        this.feed = feed;
    }

    /** Writes the file's state to the worker feed, in the caller's transaction. */
    public void publish(HardshipFile f) {
        feed.append(Feed.WORKERS, f.id, item(f));
    }

    public Map<String, Object> item(HardshipFile f) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("fileId", f.id);
        item.put("status", f.status);
        item.put("category", f.category);
        item.put("mainCause", f.mainCause);
        item.put("otherCauses", f.otherCauseList());
        item.put("stationCode", f.stationCode);
        item.put("enterpriseId", f.enterpriseId);
        item.put("migrantWorker", f.migrantWorker);
        item.put("createdOn", f.createdAt.atZone(FileRules.ZONE).toLocalDate());
        item.put("activatedOn", f.activatedAt == null ? null : f.activatedAt.atZone(FileRules.ZONE).toLocalDate());
        item.put("exitedOn", f.status == FileStatus.EXITED ? f.closedAt.atZone(FileRules.ZONE).toLocalDate() : null);
        item.put("exitReason", f.exitReason);
        item.put("mergedInto", f.mergedInto);
        item.put("changedAt", f.updatedAt);
        return item;
    }
}
