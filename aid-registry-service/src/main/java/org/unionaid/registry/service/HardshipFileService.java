package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.unionaid.common.identity.IdNumbers;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.crypto.PersonalDataCipher;
import org.unionaid.registry.domain.Category;
import org.unionaid.registry.domain.Cause;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.Station;
import org.unionaid.registry.service.view.WorkerViews.HistoryEntry;
import org.unionaid.registry.service.view.WorkerViews.WorkerSummary;
import org.unionaid.registry.service.view.WorkerViews.WorkerView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading hardship files: the ones the caller may see (other stations' files do not exist for a clerk), by id,
 * by ID number, in pages, with their history. Every read of a file's personal data is journalled, whatever the
 * role: the read and its journal row commit together (no row, no answer).
 */
@ApplicationScoped
public class HardshipFileService {

    private final PersonalDataCipher cipher;
    private final FileJournal journal;
    private final FileViews views;

    HardshipFileService(PersonalDataCipher cipher, FileJournal journal, FileViews views) {
        this.cipher = cipher;
        this.journal = journal;
        this.views = views;
    }

    public record Filter(FileStatus status, Category category, String station, Long enterprise, Cause cause,
                         boolean reviewDue, boolean neverAided) {
    }

    public Optional<HardshipFile> visible(long id, StationScope scope) {
        if (scope.seesNothing()) {
            return Optional.empty();
        }
        return HardshipFile.<HardshipFile>findByIdOptional(id).filter(file -> scope.covers(file.stationPath));
    }

    @Transactional
    public Optional<WorkerView> get(long id, Caller caller, StationScope scope) {
        return visible(id, scope).map(file -> views.answer(file, caller, "VIEW"));
    }

    @Transactional
    public List<WorkerView> lookup(String rawIdNumber, Caller caller, StationScope scope) {
        if (scope.seesNothing()) {
            return List.of();
        }
        byte[] hash = cipher.blindIndex(IdNumbers.normalise(rawIdNumber));
        List<HardshipFile> files = HardshipFile.list("idNumberHash = ?1 order by id", hash);
        List<WorkerView> found = new ArrayList<>();
        for (HardshipFile file : files) {
            if (scope.covers(file.stationPath)) {
                found.add(views.answer(file, caller, "LOOKUP"));
            }
        }
        return found;
    }

    /**
     * A page of list rows. They carry the household's category and main cause (an illness, a
     * disability): the page's reads are journalled in one statement.
     */
    @Transactional
    public Page<WorkerSummary> list(Filter filter, String cursor, int limit, Caller caller, StationScope scope) {
        long after = Cursors.decodeLong(cursor);
        if (scope.seesNothing()) {
            return new Page<>(List.of(), null);
        }
        StringBuilder where = new StringBuilder("id > :after");
        Map<String, Object> params = new HashMap<>();
        params.put("after", after);
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.put("status", filter.status());
        }
        if (filter.category() != null) {
            where.append(" and category = :category");
            params.put("category", filter.category());
        }
        if (filter.cause() != null) {
            where.append(" and mainCause = :cause");
            params.put("cause", filter.cause());
        }
        if (filter.enterprise() != null) {
            where.append(" and enterpriseId = :enterprise");
            params.put("enterprise", filter.enterprise());
        }
        if (filter.reviewDue()) {
            where.append(" and status = :active and nextReviewDue <= :today");
            params.put("active", FileStatus.ACTIVE);
            params.put("today", FileRules.today());
        }
        if (filter.neverAided()) {
            where.append(" and lastAidedAt is null");
        }
        if (filter.station() != null) {
            Optional<String> path = Station.<Station>findByIdOptional(filter.station()).map(s -> s.path);
            if (path.isEmpty()) {
                // no such station: no file is at it
                return new Page<>(List.of(), null);
            }
            where.append(" and stationPath like :station escape '!'");
            params.put("station", likePrefix(path.get()));
        }
        scope.prefix().ifPresent(prefix -> {
            where.append(" and stationPath like :scope escape '!'");
            params.put("scope", likePrefix(prefix));
        });
        List<HardshipFile> rows = HardshipFile.<HardshipFile>find(where + " order by id", params)
                .range(0, limit).list();
        Page<WorkerSummary> page = Cursors.page(rows, limit, f -> new Object[] {f.id}, f -> new WorkerSummary(f.id, f.name,
                f.idNumberMasked, f.stationCode, f.enterpriseId, f.category, f.mainCause,
                f.status, f.migrantWorker, f.createdAt, f.nextReviewDue, f.exitProposed, f.lastAidedAt));
        journal.reads(page.items().stream().map(WorkerSummary::id).toList(), caller.subject(), "LIST");
        return page;
    }

    /** The history of a file; its reasons are free text, so the read is journalled. */
    @Transactional
    public Optional<Page<HistoryEntry>> history(long id, String cursor, int limit, Caller caller, StationScope scope) {
        return visible(id, scope).map(file -> {
            journal.access(file.id, caller.subject(), "HISTORY", false);
            return journal.history(file.id, cursor, limit, FileViews.seesPersonalValues(caller));
        });
    }

    /** A LIKE pattern for the paths below {@code path}. */
    public static String likePrefix(String path) {
        return path.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
