package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.domain.ChangeRequest;
import org.unionaid.registry.domain.ChangeRequestStatus;
import org.unionaid.registry.domain.Station;
import org.unionaid.registry.service.view.ChangeRequestViews.ChangeRequestView;

import java.util.List;
import java.util.Optional;

/**
 * Reading change requests, station-scoped through their file. A single request and a file's requests show the
 * proposed values (each answer a row of the file's access log); the list across files shows the names of the
 * fields only and decrypts nothing.
 */
@ApplicationScoped
public class ChangeRequestReads {

    private final EntityManager em;
    private final HardshipFileService files;
    private final ChangeRequestViews views;
    private final FileJournal journal;

    ChangeRequestReads(EntityManager em, HardshipFileService files, ChangeRequestViews views, FileJournal journal) {
        this.em = em;
        this.files = files;
        this.views = views;
        this.journal = journal;
    }

    @Transactional
    public Optional<ChangeRequestView> get(long id, Caller caller, StationScope scope) {
        return ChangeRequest.<ChangeRequest>findByIdOptional(id)
                .filter(r -> files.visible(r.fileId, scope).isPresent())
                .map(r -> {
                    journal.access(r.fileId, caller.subject(), ChangeRequestService.ACCESS, false);
                    return FileViews.seesPersonalValues(caller) ? views.full(r) : views.row(r);
                });
    }

    /** A file's requests, newest last, with their values. */
    @Transactional
    public Optional<Page<ChangeRequestView>> ofFile(long fileId, String cursor, int limit, Caller caller,
                                                    StationScope scope) {
        return files.visible(fileId, scope).map(file -> {
            List<ChangeRequest> rows = ChangeRequest.<ChangeRequest>find("fileId = ?1 and id > ?2 order by id", file.id,
                    Cursors.decodeLong(cursor)).range(0, limit).list();
            journal.access(file.id, caller.subject(), "CHANGE_REQUESTS", false);
            boolean values = FileViews.seesPersonalValues(caller);
            return Cursors.page(rows, limit, r -> new Object[] {r.id}, r -> values ? views.full(r) : views.row(r));
        });
    }

    /** Requests across the files the caller may see, by status and station (the file's, and those below it). */
    @Transactional
    @SuppressWarnings("unchecked")
    public Page<ChangeRequestView> list(ChangeRequestStatus status, String station, String cursor, int limit,
                                        StationScope scope) {
        long after = Cursors.decodeLong(cursor);
        if (scope.seesNothing()) {
            return new Page<>(List.of(), null);
        }
        Optional<String> stationPath = Optional.empty();
        if (station != null) {
            stationPath = Station.<Station>findByIdOptional(station).map(s -> s.path);
            if (stationPath.isEmpty()) {
                return new Page<>(List.of(), null);
            }
        }
        // The one place this query's filters are built.
        String jpql = "select r from ChangeRequest r, HardshipFile f where f.id = r.fileId and r.id > :after"
                + (status == null ? "" : " and r.status = :status")
                + (stationPath.isEmpty() ? "" : " and f.stationPath like :station escape '!'")
                + (scope.prefix().isEmpty() ? "" : " and f.stationPath like :scope escape '!'")
                + " order by r.id";
        var query = em.createQuery(jpql, ChangeRequest.class).setParameter("after", after).setMaxResults(limit + 1);
        if (status != null) {
            query.setParameter("status", status);
        }
        stationPath.ifPresent(path -> query.setParameter("station", HardshipFileService.likePrefix(path)));
        scope.prefix().ifPresent(prefix -> query.setParameter("scope", HardshipFileService.likePrefix(prefix)));
        return Cursors.page(query.getResultList(), limit, r -> new Object[] {r.id}, views::row);
    }
}
