package org.unionaid.reporting.feed;

import io.quarkus.logging.Log;
import org.unionaid.reporting.service.Dim;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the exact counters of distinct persons ({@code aid_reach} per period, {@code aid_reach_chain}
 * per year chain; V2 migration) in step with {@code aid_person}, in the transaction that applies a
 * batch of payouts.
 *
 * <p>For the workers a batch touches it loads their {@code aid_person} rows (the state before),
 * applies the batch's person deltas in memory (the state after) and, worker by worker, compares
 * what the worker contributes to the counters before and after: only a period whose set of cells
 * changed changes {@code aid_reach}, and only a key whose set of years changed changes the chain.
 * A worker counts once per key, however many cells of a period fall under it. The changes are
 * summed over the batch and written with one array statement per table and sign.
 *
 * <p>Keys: every subset ({@code dims}, bits of {@link Dim#counterBit})
 * of project, station, enterprise, category and cause. With the station bit a cell at station s
 * counts at ('E', s) and at ('T', a) for every ancestor a of s, s included.
 */
final class PersonCounters {

    private static final int PROJECT = Dim.PROJECT.counterBit();
    private static final int STATION = Dim.STATION.counterBit();
    private static final int ENTERPRISE = Dim.ENTERPRISE.counterBit();
    private static final int CATEGORY = Dim.CATEGORY.counterBit();
    private static final int CAUSE = Dim.CAUSE.counterBit();
    private static final int ALL_DIMS = 32;
    /** Stations a batch waited for (warned about once). */
    private static final Set<String> WAITING_FOR = ConcurrentHashMap.newKeySet();

    /** Thrown when a payout names a station the station feed has not delivered yet; the batch waits. */
    static final class UnknownStation extends IllegalStateException {
        UnknownStation(String station) {
            super("Payout at station " + station + ", not in the station feed yet; batch left for the next tick");
        }
    }

    /** One aid_person cell of a worker, without the worker. */
    record Cell(String grain, int period, int yr, int qtr, int mon, String project, String station,
                long enterprise, String category, String cause) {

        static Cell of(List<Object> personKey) {
            return new Cell((String) personKey.get(0), ((Number) personKey.get(1)).intValue(),
                    ((Number) personKey.get(2)).intValue(), ((Number) personKey.get(3)).intValue(),
                    ((Number) personKey.get(4)).intValue(), (String) personKey.get(5), (String) personKey.get(6),
                    ((Number) personKey.get(7)).longValue(), (String) personKey.get(8), (String) personKey.get(9));
        }

        Time time() {
            return new Time(grain, period, yr, qtr, mon);
        }
    }

    /** A period as aid_person and aid_reach hold it. */
    record Time(String grain, int period, int yr, int qtr, int mon) {
    }

    /** A counter key: the dims mask and the values of the dimensions in it ('' / 0 for the others). */
    record Key(int dims, String project, String kind, String station, long enterprise, String category, String cause) {
    }

    private static final Table REACH = new Table("aid_reach",
            List.of("dims", "grain", "period", "yr", "qtr", "mon", "project", "station_kind", "station_code",
                    "enterprise_id", "category", "cause"),
            List.of("int", "varchar", "int", "int", "int", "int", "varchar", "varchar", "varchar", "bigint",
                    "varchar", "varchar"),
            List.of("dims", "grain", "period", "project", "station_kind", "station_code", "enterprise_id", "category",
                    "cause"));
    private static final Table CHAIN = new Table("aid_reach_chain",
            List.of("dims", "year", "prev_year", "project", "station_kind", "station_code", "enterprise_id",
                    "category", "cause"),
            List.of("int", "int", "int", "varchar", "varchar", "varchar", "bigint", "varchar", "varchar"),
            List.of("dims", "year", "prev_year", "project", "station_kind", "station_code", "enterprise_id",
                    "category", "cause"));

    /** The dimension values of a cell, whatever its period: what its counter keys depend on. */
    private record Place(String project, String station, long enterprise, String category, String cause) {
    }

    /** A row of aid_reach and of aid_reach_chain. */
    private record ReachRow(Time time, Key key) {
    }

    private record ChainRow(int year, int previous, Key key) {
    }

    private final Map<String, List<String>> ancestors = new HashMap<>();
    private final Map<Place, List<Key>> keysOfPlace = new HashMap<>();
    private final Map<ReachRow, long[]> reach = new HashMap<>();
    private final Map<ChainRow, long[]> chain = new HashMap<>();

    private PersonCounters() {
    }

    /**
     * Changes the counters for the person deltas of a batch ({@code aid_person} key -> payouts
     * delta), before those deltas are written to {@code aid_person}.
     */
    static void apply(Connection db, Map<List<Object>, Long> personDeltas) throws SQLException {
        Map<Long, Map<Cell, Long>> deltas = new HashMap<>();
        personDeltas.forEach((key, delta) -> {
            if (delta != 0L) {
                Cell cell = Cell.of(key);
                deltas.computeIfAbsent(((Number) key.get(10)).longValue(), w -> new HashMap<>()).merge(cell, delta, Long::sum);
            }
        });
        if (deltas.isEmpty()) {
            return;
        }
        PersonCounters counters = new PersonCounters();
        long t0 = System.nanoTime();
        Map<Long, Map<Cell, Long>> before = loadWorkers(db, deltas);
        Set<String> stations = new HashSet<>();
        for (Map<Cell, Long> cells : before.values()) {
            cells.keySet().forEach(c -> stations.add(c.station()));
        }
        for (Map<Cell, Long> cells : deltas.values()) {
            cells.keySet().forEach(c -> stations.add(c.station()));
        }
        counters.loadAncestors(db, stations);
        for (Map<Cell, Long> cells : deltas.values()) {
            cells.forEach((cell, delta) -> {
                if (delta > 0 && !cell.station().isEmpty() && !counters.ancestors.containsKey(cell.station())) {
                    if (WAITING_FOR.add(cell.station())) {
                        Log.warnf("Payout feed: a payout at station %s, unknown to reporting yet; the batch waits for the station feed",
                                cell.station());
                    }
                    throw new UnknownStation(cell.station());
                }
            });
        }
        for (Map.Entry<Long, Map<Cell, Long>> worker : deltas.entrySet()) {
            counters.diff(before.getOrDefault(worker.getKey(), Map.of()), worker.getValue());
        }
        long t2 = System.nanoTime();
        Map<List<Object>, long[]> reachRows = new HashMap<>();
        counters.reach.forEach((row, delta) -> reachRows.put(reachKey(row.time(), row.key()), delta));
        REACH.write(db, reachRows);
        long t3 = System.nanoTime();
        Map<List<Object>, long[]> chainRows = new HashMap<>();
        counters.chain.forEach((row, delta) -> chainRows.put(chainKey(row.year(), row.previous(), row.key()), delta));
        CHAIN.write(db, chainRows);
        long t4 = System.nanoTime();
        Log.debugf("Person counters: %d workers (%d cells before) in %d ms, %d period rows in %d ms, %d chain rows in %d ms",
                deltas.size(), before.values().stream().mapToInt(Map::size).sum(), (t2 - t0) / 1_000_000,
                reachRows.size(), (t3 - t2) / 1_000_000, chainRows.size(), (t4 - t3) / 1_000_000);
    }

    /** One worker: the counters it adds before vs after its deltas, for the periods and keys that changed. */
    private void diff(Map<Cell, Long> before, Map<Cell, Long> deltas) {
        Map<Cell, Long> after = new HashMap<>(before);
        deltas.forEach((cell, delta) -> after.merge(cell, delta, Long::sum));
        after.values().removeIf(payouts -> payouts <= 0L);

        Set<Time> changed = new HashSet<>();
        deltas.keySet().forEach(c -> changed.add(c.time()));
        Set<Key> yearKeysChanged = new HashSet<>();
        for (Time time : changed) {
            Set<Cell> cellsBefore = cellsIn(before, time);
            Set<Cell> cellsAfter = cellsIn(after, time);
            if (cellsBefore.equals(cellsAfter)) {
                continue;
            }
            Set<Key> keysBefore = keys(cellsBefore);
            Set<Key> keysAfter = keys(cellsAfter);
            boolean year = "Y".equals(time.grain());
            for (Key k : keysAfter) {
                if (!keysBefore.contains(k)) {
                    add(reach, new ReachRow(time, k), 1);
                    if (year) {
                        yearKeysChanged.add(k);
                    }
                }
            }
            for (Key k : keysBefore) {
                if (!keysAfter.contains(k)) {
                    add(reach, new ReachRow(time, k), -1);
                    if (year) {
                        yearKeysChanged.add(k);
                    }
                }
            }
        }
        if (!yearKeysChanged.isEmpty()) {
            Map<Key, TreeSet<Integer>> yearsBefore = years(before, yearKeysChanged);
            Map<Key, TreeSet<Integer>> yearsAfter = years(after, yearKeysChanged);
            for (Key k : yearKeysChanged) {
                Set<List<Integer>> linksBefore = links(yearsBefore.get(k));
                Set<List<Integer>> linksAfter = links(yearsAfter.get(k));
                for (List<Integer> link : linksAfter) {
                    if (!linksBefore.contains(link)) {
                        add(chain, new ChainRow(link.get(0), link.get(1), k), 1);
                    }
                }
                for (List<Integer> link : linksBefore) {
                    if (!linksAfter.contains(link)) {
                        add(chain, new ChainRow(link.get(0), link.get(1), k), -1);
                    }
                }
            }
        }
    }

    private static Set<Cell> cellsIn(Map<Cell, Long> cells, Time time) {
        Set<Cell> in = new HashSet<>();
        for (Cell c : cells.keySet()) {
            if (c.period() == time.period() && c.grain().equals(time.grain())) {
                in.add(c);
            }
        }
        return in;
    }

    /** The years of each of these keys in which the worker has net payouts. */
    private Map<Key, TreeSet<Integer>> years(Map<Cell, Long> cells, Set<Key> wanted) {
        Map<Key, TreeSet<Integer>> years = new HashMap<>();
        for (Key k : wanted) {
            years.put(k, new TreeSet<>());
        }
        for (Cell c : cells.keySet()) {
            if ("Y".equals(c.grain())) {
                for (Key k : keys(c)) {
                    TreeSet<Integer> of = years.get(k);
                    if (of != null) {
                        of.add(c.period());
                    }
                }
            }
        }
        return years;
    }

    /** (year, previous year or 0) for each year of a worker and key. */
    private static Set<List<Integer>> links(TreeSet<Integer> years) {
        Set<List<Integer>> links = new HashSet<>();
        int previous = 0;
        for (int year : years) {
            links.add(List.of(year, previous));
            previous = year;
        }
        return links;
    }

    private Set<Key> keys(Set<Cell> cells) {
        Set<Key> keys = new HashSet<>();
        for (Cell c : cells) {
            keys.addAll(keys(c));
        }
        return keys;
    }

    /** The counter keys one cell falls under: 16 without the station bit, 16 x (1 + ancestors) with it. */
    private List<Key> keys(Cell c) {
        return keysOfPlace.computeIfAbsent(new Place(c.project(), c.station(), c.enterprise(), c.category(), c.cause()),
                this::keys);
    }

    private List<Key> keys(Place c) {
        List<String> up = ancestors.getOrDefault(c.station(), List.of());
        List<Key> keys = new ArrayList<>(16 + 16 * (1 + up.size()));
        for (int dims = 0; dims < ALL_DIMS; dims++) {
            String project = (dims & PROJECT) != 0 ? c.project() : "";
            long enterprise = (dims & ENTERPRISE) != 0 ? c.enterprise() : 0L;
            String category = (dims & CATEGORY) != 0 ? c.category() : "";
            String cause = (dims & CAUSE) != 0 ? c.cause() : "";
            if ((dims & STATION) == 0) {
                keys.add(new Key(dims, project, "", "", enterprise, category, cause));
            } else {
                keys.add(new Key(dims, project, "E", c.station(), enterprise, category, cause));
                for (String a : up) {
                    keys.add(new Key(dims, project, "T", a, enterprise, category, cause));
                }
            }
        }
        return keys;
    }

    private static List<Object> reachKey(Time t, Key k) {
        return List.of(k.dims(), t.grain(), t.period(), t.yr(), t.qtr(), t.mon(), k.project(), k.kind(), k.station(),
                k.enterprise(), k.category(), k.cause());
    }

    private static List<Object> chainKey(int year, int previous, Key k) {
        return List.of(k.dims(), year, previous, k.project(), k.kind(), k.station(), k.enterprise(),
                k.category(), k.cause());
    }

    private static <K> void add(Map<K, long[]> deltas, K key, long delta) {
        deltas.computeIfAbsent(key, k -> new long[1])[0] += delta;
    }

    /**
     * The cells of these workers before the batch: all at year grain (the chain needs every year),
     * and at quarter and month grain only in the periods where the batch changes the worker.
     */
    private static Map<Long, Map<Cell, Long>> loadWorkers(Connection db, Map<Long, Map<Cell, Long>> deltas) throws SQLException {
        List<Long> workers = new ArrayList<>();
        List<String> grains = new ArrayList<>();
        List<Integer> periods = new ArrayList<>();
        deltas.forEach((worker, cells) -> cells.keySet().stream().map(Cell::time)
                .filter(t -> !"Y".equals(t.grain())).distinct().forEach(t -> {
                    workers.add(worker);
                    grains.add(t.grain());
                    periods.add(t.period());
                }));
        Map<Long, Map<Cell, Long>> cells = new HashMap<>();
        String columns = "SELECT p.worker_id, p.grain, p.period, p.yr, p.qtr, p.mon, p.project, p.station_code,"
                + " p.enterprise_id, p.category, p.cause, p.payouts";
        try (PreparedStatement query = db.prepareStatement(columns
                + " FROM aid_person p WHERE p.worker_id = ANY(?) AND p.grain = 'Y' AND p.payouts > 0 UNION ALL " + columns
                + " FROM unnest(?::bigint[], ?::char(1)[], ?::integer[]) AS t (worker_id, grain, period)"
                + " JOIN aid_person p ON p.worker_id = t.worker_id AND p.grain = t.grain AND p.period = t.period"
                + " WHERE p.payouts > 0")) {
            query.setArray(1, db.createArrayOf("bigint", deltas.keySet().toArray()));
            query.setArray(2, db.createArrayOf("bigint", workers.toArray()));
            query.setArray(3, db.createArrayOf("varchar", grains.toArray()));
            query.setArray(4, db.createArrayOf("integer", periods.toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    Cell cell = new Cell(row.getString(2), row.getInt(3), row.getInt(4), row.getInt(5), row.getInt(6),
                            row.getString(7), row.getString(8), row.getLong(9), row.getString(10), row.getString(11));
                    cells.computeIfAbsent(row.getLong(1), w -> new HashMap<>()).put(cell, row.getLong(12));
                }
            }
        }
        return cells;
    }

    private void loadAncestors(Connection db, Set<String> stations) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT station_code, ancestor_code FROM station_ancestor WHERE station_code = ANY(?)")) {
            query.setArray(1, db.createArrayOf("varchar", stations.toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    ancestors.computeIfAbsent(row.getString(1), s -> new ArrayList<>()).add(row.getString(2));
                }
            }
        }
    }

    /**
     * A counter table written from merged deltas with array parameters: one upsert for the
     * increments, one update for the decrements, one delete for the rows they bring to 0.
     */
    private record Table(String name, List<String> keys, List<String> types, List<String> primaryKey) {

        void write(Connection db, Map<List<Object>, long[]> deltas) throws SQLException {
            List<List<Object>> up = new ArrayList<>();
            List<List<Object>> down = new ArrayList<>();
            deltas.forEach((key, delta) -> {
                if (delta[0] != 0L) {
                    List<Object> row = new ArrayList<>(key);
                    row.add(delta[0]);
                    (delta[0] > 0 ? up : down).add(row);
                }
            });
            String keyList = String.join(", ", keys);
            String rows = "unnest(" + String.join(", ", types.stream().map(t -> "?::" + t + "[]").toList())
                    + ", ?::bigint[]) AS d(" + keyList + ", persons)";
            // Rows in index order (codes byte-wise, as the tables compare them) touch the index pages in turn.
            String order = String.join(", ", primaryKey.stream()
                    .map(k -> "varchar".equals(types.get(keys.indexOf(k))) ? k + " COLLATE \"C\"" : k).toList());
            String match = String.join(" AND ", primaryKey.stream().map(k -> "t." + k + " = d." + k).toList());
            if (!up.isEmpty()) {
                run(db, "INSERT INTO " + name + " AS t (" + keyList + ", persons) SELECT " + keyList + ", persons FROM "
                        + rows + " ORDER BY " + order + " ON CONFLICT (" + String.join(", ", primaryKey) + ") DO UPDATE SET persons = t.persons + EXCLUDED.persons", up);
            }
            if (!down.isEmpty()) {
                run(db, "UPDATE " + name + " t SET persons = t.persons + d.persons FROM " + rows + " WHERE " + match, down);
                run(db, "DELETE FROM " + name + " t USING " + rows + " WHERE " + match + " AND t.persons = 0", down);
            }
        }

        private void run(Connection db, String sql, List<List<Object>> rows) throws SQLException {
            try (PreparedStatement statement = db.prepareStatement(sql)) {
                for (int column = 0; column <= keys.size(); column++) {
                    Object[] values = new Object[rows.size()];
                    for (int i = 0; i < rows.size(); i++) {
                        values[i] = rows.get(i).get(column);
                    }
                    String type = column < keys.size() ? types.get(column) : "bigint";
                    Array array = db.createArrayOf("int".equals(type) ? "integer" : type, values);
                    statement.setArray(column + 1, array);
                }
                statement.executeUpdate();
            }
        }
    }
}
