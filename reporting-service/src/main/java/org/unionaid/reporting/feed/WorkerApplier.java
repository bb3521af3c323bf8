package org.unionaid.reporting.feed;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.unionaid.reporting.client.FeedItems.WorkerItem;
import org.unionaid.reporting.service.Period;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies the registry's file states: a state newer than the stored one takes the file out of
 * the cells of its old state and into those of its new one; an older or repeated state is ignored.
 * The newest state's {@code mergedInto} (a file merged into another) goes to {@link WorkerMerges},
 * in the same transaction.
 */
@ApplicationScoped
public class WorkerApplier {

    private final AgroalDataSource dataSource;
    private final FeedPositions positions;

    WorkerApplier(AgroalDataSource dataSource, FeedPositions positions) {
        this.dataSource = dataSource;
        this.positions = positions;
    }

    record FileState(long seq, String status, String category, String cause, String station,
                     LocalDate createdOn, LocalDate exitedOn) {
        static FileState of(WorkerItem item) {
            return new FileState(item.seq(), Objects.toString(item.status(), ""), Objects.toString(item.category(), ""),
                    Objects.toString(item.mainCause(), ""), Objects.toString(item.stationCode(), ""),
                    item.createdOn(), item.exitedOn());
        }
    }

    @Transactional
    public long apply(long from, List<WorkerItem> items, Instant caughtUpAt) {
        long to = from;
        List<WorkerItem> fresh = items.stream().filter(i -> i.seq() > from).toList();
        try (Connection db = dataSource.getConnection()) {
            RebuildJob.refuseIn(db);
            Map<Long, FileState> files = load(db, fresh.stream().map(WorkerItem::fileId).distinct().toList());
            Map<Long, FileState> changed = new LinkedHashMap<>();
            Map<Long, Long> mergedInto = new LinkedHashMap<>();
            Deltas stock = stock();
            Deltas flow = flow();
            for (WorkerItem item : fresh) {
                to = Math.max(to, item.seq());
                FileState before = files.get(item.fileId());
                if (before != null && before.seq() >= item.seq()) {
                    continue;
                }
                FileState after = FileState.of(item);
                if (before != null) {
                    count(before, -1, stock, flow);
                }
                count(after, 1, stock, flow);
                files.put(item.fileId(), after);
                changed.put(item.fileId(), after);
                mergedInto.put(item.fileId(), item.mergedInto());
            }
            store(db, changed);
            WorkerMerges.apply(db, mergedInto);
            stock.write(db);
            flow.write(db);
            positions.advance(db, FeedPositions.WORKERS, from, to, caughtUpAt);
            return to;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply worker feed items", e);
        }
    }

    /** Empty sets of registry_stock and registry_flow changes. */
    static Deltas stock() {
        return new Deltas("registry_stock", List.of("status", "category", "cause", "station_code"), List.of("files"));
    }

    static Deltas flow() {
        return new Deltas("registry_flow", List.of("grain", "period", "yr", "qtr", "mon", "category", "cause",
                "station_code"), List.of("new_files", "exits"));
    }

    /** Counts a file's state in the stock and the flows ({@code sign} 1), or takes it out (-1). */
    static void count(FileState file, long sign, Deltas stock, Deltas flow) {
        stock.add(List.of(file.status(), file.category(), file.cause(), file.station()), sign);
        if (file.createdOn() != null) {
            for (Period p : Period.of(file.createdOn())) {
                flow.add(flowKey(p, file), sign, 0L);
            }
        }
        if (file.exitedOn() != null) {
            for (Period p : Period.of(file.exitedOn())) {
                flow.add(flowKey(p, file), 0L, sign);
            }
        }
    }

    private static List<Object> flowKey(Period p, FileState file) {
        List<Object> key = new ArrayList<>(List.of(String.valueOf(p.grain()), p.key(), p.year(), p.quarter(), p.month()));
        key.addAll(List.of(file.category(), file.cause(), file.station()));
        return key;
    }

    private static Map<Long, FileState> load(Connection db, List<Long> ids) throws SQLException {
        Map<Long, FileState> files = new HashMap<>();
        if (ids.isEmpty()) {
            return files;
        }
        try (PreparedStatement query = db.prepareStatement("SELECT file_id, seq, status, category, cause, station_code,"
                + " created_on, exited_on FROM registry_file WHERE file_id = ANY(?)")) {
            query.setArray(1, db.createArrayOf("bigint", ids.toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    files.put(row.getLong(1), state(row));
                }
            }
        }
        return files;
    }

    /** A registry_file row read as file_id, seq, status, category, cause, station_code, created_on, exited_on. */
    static FileState state(ResultSet row) throws SQLException {
        Date created = row.getDate(7);
        Date exited = row.getDate(8);
        return new FileState(row.getLong(2), row.getString(3), row.getString(4), row.getString(5), row.getString(6),
                created == null ? null : created.toLocalDate(), exited == null ? null : exited.toLocalDate());
    }

    private static void store(Connection db, Map<Long, FileState> changed) throws SQLException {
        try (PreparedStatement upsert = db.prepareStatement("INSERT INTO registry_file (file_id, seq, status, category,"
                + " cause, station_code, created_on, exited_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (file_id) DO UPDATE SET seq = EXCLUDED.seq, status = EXCLUDED.status,"
                + " category = EXCLUDED.category, cause = EXCLUDED.cause, station_code = EXCLUDED.station_code,"
                + " created_on = EXCLUDED.created_on, exited_on = EXCLUDED.exited_on"
                + " WHERE registry_file.seq < EXCLUDED.seq")) {
            for (Map.Entry<Long, FileState> e : changed.entrySet()) {
                FileState f = e.getValue();
                upsert.setLong(1, e.getKey());
                upsert.setLong(2, f.seq());
                upsert.setString(3, f.status());
                upsert.setString(4, f.category());
                upsert.setString(5, f.cause());
                upsert.setString(6, f.station());
                upsert.setDate(7, f.createdOn() == null ? null : Date.valueOf(f.createdOn()));
                upsert.setDate(8, f.exitedOn() == null ? null : Date.valueOf(f.exitedOn()));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
