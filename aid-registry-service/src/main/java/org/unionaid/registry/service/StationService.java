package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.registry.domain.Station;
import org.unionaid.registry.domain.StationLevel;
import org.unionaid.registry.feed.Feed;
import org.unionaid.registry.feed.FeedWriter;
import org.unionaid.registry.service.view.StationViews.StationView;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

@ApplicationScoped
public class StationService {

    private final FeedWriter feed;
    /**
     * The paths of the stations found so far. A station's path never changes (there is no move and no delete), so an
     * entry stays right on every replica; an unknown code is not kept, so a station created anywhere is found on its
     * first use. At most one entry per row of the station table.
     */
    private final ConcurrentMap<String, String> paths = new ConcurrentHashMap<>();

    StationService(FeedWriter feed) {
        this.feed = feed;
    }

    @Transactional
    public StationView create(StationEntry request) {
        if (Station.findById(request.code()) != null) {
            throw ProblemException.conflict("station-exists", request.code());
        }
        Station station = new Station();
        station.code = request.code();
        station.name = request.name().trim();
        station.level = request.level();
        station.createdAt = Instant.now();
        if (request.level() == StationLevel.CITY) {
            if (request.parentCode() != null) {
                throw ProblemException.invalid(Violation.keyed("parentCode", "city-station-parent"));
            }
            station.path = "/" + station.code + "/";
        } else {
            if (request.parentCode() == null) {
                throw ProblemException.invalid(Violation.keyed("parentCode", "station-parent-required"));
            }
            Station parent = Station.findById(request.parentCode());
            if (parent == null) {
                throw ProblemException.unprocessable("unknown-station", request.parentCode());
            }
            if (parent.level.ordinal() >= request.level().ordinal()) {
                throw ProblemException.invalid(Violation.keyed("level", "station-level-below-parent", parent.level));
            }
            station.parentCode = parent.code;
            station.path = parent.path + station.code + "/";
        }
        station.persist();
        StationView view = StationView.of(station);
        feed.append(Feed.STATIONS, station.code, view);
        return view;
    }

    public Optional<StationView> find(String code) {
        return Station.<Station>findByIdOptional(code).map(StationView::of);
    }

    /** The path of a station, the prefix of the paths of all stations below it. */
    public Optional<String> pathOf(String code) {
        String known = paths.get(code);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> path = Station.<Station>findByIdOptional(code).map(s -> s.path);
        path.ifPresent(p -> paths.put(code, p));
        return path;
    }

    public Page<StationView> list(String parentCode, String cursor, int limit) {
        List<String> after = Cursors.decode(cursor, 1);
        String from = after.isEmpty() ? "" : after.get(0);
        List<Station> rows = parentCode == null
                ? Station.<Station>find("code > ?1 order by code", from).range(0, limit).list()
                : Station.<Station>find("parentCode = ?1 and code > ?2 order by code", parentCode, from)
                        .range(0, limit).list();
        return Cursors.page(rows, limit, s -> new Object[] {s.code}, StationView::of);
    }
}
