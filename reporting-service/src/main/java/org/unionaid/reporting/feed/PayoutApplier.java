package org.unionaid.reporting.feed;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.unionaid.reporting.client.FeedItems.PayoutItem;
import org.unionaid.reporting.service.Period;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies payout and reversal events to the aid aggregates, with the feed position, in one
 * transaction. A reversal restates the figures of its payout's own period and cell, so every
 * payout is either counted once or not at all. A payout seen before (primary key) or a reversal
 * of a payout already reversed (conditional update) changes nothing: duplicates count once.
 * A reversal of a payout not seen yet is kept in {@code pending_reversal} (same transaction as the
 * feed position) and applied when the payout arrives: the payout is then stored reversed and counted
 * nowhere, whichever order the two come in and however often either is delivered.
 * The counters of distinct persons change in the same transaction ({@link PersonCounters}); a
 * household payout at a station the station feed has not delivered yet leaves the whole batch
 * unapplied until it has (the stations feed is read first on every tick). A household payout counts
 * for the person of its file: the file it was merged into, if any ({@link WorkerMerges}); the payout
 * table keeps the file the payout named.
 */
@ApplicationScoped
public class PayoutApplier {

    static final String HOUSEHOLD = "HOUSEHOLD";

    private static final List<String> CELL_KEYS = List.of("grain", "period", "yr", "qtr", "mon", "project",
            "beneficiary", "station_code", "enterprise_id", "category", "cause");
    private static final List<String> PERSON_KEYS = List.of("grain", "period", "yr", "qtr", "mon", "project",
            "station_code", "enterprise_id", "category", "cause", "worker_id");

    private final AgroalDataSource dataSource;
    private final FeedPositions positions;

    PayoutApplier(AgroalDataSource dataSource, FeedPositions positions) {
        this.dataSource = dataSource;
        this.positions = positions;
    }

    /** A payout as counted: the cell it falls in and whether it stands. */
    static final class Payout {
        final long id;
        final String project;
        final String beneficiary;
        final Long workerId;
        final String station;
        final long enterprise;
        final String category;
        final String cause;
        final BigDecimal amount;
        final LocalDate occurredOn;
        boolean reversed;

        Payout(long id, String project, String beneficiary, Long workerId, String station, long enterprise,
               String category, String cause, BigDecimal amount, LocalDate occurredOn, boolean reversed) {
            this.id = id;
            this.project = project;
            this.beneficiary = beneficiary;
            this.workerId = workerId;
            this.station = station;
            this.enterprise = enterprise;
            this.category = category;
            this.cause = cause;
            this.amount = amount;
            this.occurredOn = occurredOn;
            this.reversed = reversed;
        }

        static Payout of(PayoutItem item) {
            String beneficiary = item.beneficiary() == null ? HOUSEHOLD : item.beneficiary();
            return new Payout(item.payoutId(), item.projectCode(), beneficiary,
                    HOUSEHOLD.equals(beneficiary) ? item.workerId() : null,
                    Objects.toString(item.stationCode(), ""), item.enterpriseId() == null ? 0L : item.enterpriseId(),
                    Objects.toString(item.category(), ""), Objects.toString(item.mainCause(), ""),
                    item.amount(), item.occurredOn(), false);
        }
    }

    @Transactional
    public long apply(long from, List<PayoutItem> items, Instant caughtUpAt) {
        long to = from;
        List<PayoutItem> fresh = items.stream().filter(i -> i.seq() > from).toList();
        try (Connection db = dataSource.getConnection()) {
            List<Long> ids = fresh.stream().map(PayoutItem::payoutId).distinct().toList();
            WorkerMerges.lockShared(db);
            Map<Long, Payout> known = new HashMap<>();
            for (Payout p : load(db, "payout_id = ANY(?)", ids)) {
                known.put(p.id, p);
            }
            Map<Long, Long> personOf = WorkerMerges.persons(db, workers(fresh, known.values()));
            Map<Long, Long> pending = loadPending(db, ids.stream().filter(id -> !known.containsKey(id)).toList());
            Map<Long, Long> pendingNow = new HashMap<>();
            List<Long> pendingApplied = new ArrayList<>();
            Deltas cells = new Deltas("aid_cell", CELL_KEYS, List.of("payouts", "amount"));
            Deltas persons = personDeltas();
            Map<Long, Payout> created = new HashMap<>();
            List<Long> reversedNow = new ArrayList<>();
            for (PayoutItem item : fresh) {
                to = Math.max(to, item.seq());
                if ("PAYOUT".equals(item.kind())) {
                    if (!known.containsKey(item.payoutId())) {
                        Payout payout = Payout.of(item);
                        known.put(payout.id, payout);
                        created.put(payout.id, payout);
                        if (pending.remove(payout.id) != null) {
                            // its reversal came first: the payout is stored reversed and counted nowhere
                            payout.reversed = true;
                            pendingApplied.add(payout.id);
                        } else if (pendingNow.remove(payout.id) != null) {
                            payout.reversed = true;
                        } else {
                            count(payout, 1, cells, persons, personOf);
                        }
                    }
                } else if ("REVERSAL".equals(item.kind())) {
                    Payout payout = known.get(item.payoutId());
                    if (payout == null) {
                        if (!pending.containsKey(item.payoutId()) && pendingNow.putIfAbsent(item.payoutId(), item.entryId()) == null) {
                            Log.infof("Reversal entry %d names payout %d, not seen yet; kept until it arrives",
                                    item.entryId(), item.payoutId());
                        }
                    } else if (!payout.reversed) {
                        payout.reversed = true;
                        if (!created.containsKey(payout.id)) {
                            reversedNow.add(payout.id);
                        }
                        count(payout, -1, cells, persons, personOf);
                    }
                } else {
                    Log.warnf("Payout feed entry %d has unknown kind %s; skipped", item.entryId(), item.kind());
                }
            }
            insert(db, created.values());
            markReversed(db, reversedNow);
            keepPending(db, pendingNow);
            dropPending(db, pendingApplied);
            cells.write(db);
            PersonCounters.apply(db, persons.firstValues());
            persons.write(db);
            positions.advance(db, FeedPositions.PAYOUTS, from, to, caughtUpAt);
            return to;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply payout feed items", e);
        }
    }

    /** The household files of a batch's payouts and reversals, whose person (merges) the batch counts them for. */
    private static List<Long> workers(List<PayoutItem> items, Collection<Payout> known) {
        Set<Long> workers = new HashSet<>();
        items.stream().map(PayoutItem::workerId).filter(Objects::nonNull).forEach(workers::add);
        known.stream().map(p -> p.workerId).filter(Objects::nonNull).forEach(workers::add);
        return List.copyOf(workers);
    }

    private static void count(Payout p, int sign, Deltas cells, Deltas persons, Map<Long, Long> personOf) {
        BigDecimal amount = sign > 0 ? p.amount : p.amount.negate();
        for (Period period : Period.of(p.occurredOn)) {
            List<Object> cell = new ArrayList<>(time(period));
            cell.addAll(List.of(p.project, p.beneficiary, p.station, p.enterprise, p.category, p.cause));
            cells.add(cell, (long) sign, amount);
        }
        if (p.workerId != null) {
            countPerson(p, personOf.getOrDefault(p.workerId, p.workerId), sign, persons);
        }
    }

    /** Changes aid_person for a household payout counted for {@code person} (its file, or the file it was merged into). */
    static void countPerson(Payout p, long person, int sign, Deltas persons) {
        for (Period period : Period.of(p.occurredOn)) {
            List<Object> key = new ArrayList<>(time(period));
            key.addAll(List.of(p.project, p.station, p.enterprise, p.category, p.cause, person));
            persons.add(key, (long) sign);
        }
    }

    /** The changes of aid_person rows, merged over a batch. */
    static Deltas personDeltas() {
        return new Deltas("aid_person", PERSON_KEYS, List.of("payouts"));
    }

    private static List<Object> time(Period period) {
        return List.of(String.valueOf(period.grain()), period.key(), period.year(), period.quarter(), period.month());
    }

    /** The stored payouts matching {@code where}, whose one parameter is an array of ids. */
    static List<Payout> load(Connection db, String where, Collection<Long> ids) throws SQLException {
        List<Payout> payouts = new ArrayList<>();
        if (ids.isEmpty()) {
            return payouts;
        }
        try (PreparedStatement query = db.prepareStatement("SELECT payout_id, project, beneficiary, worker_id, station_code,"
                + " enterprise_id, category, cause, amount, occurred_on, reversed FROM payout WHERE " + where)) {
            query.setArray(1, db.createArrayOf("bigint", ids.toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    long worker = row.getLong(4);
                    Long workerId = row.wasNull() ? null : worker;
                    payouts.add(new Payout(row.getLong(1), row.getString(2), row.getString(3), workerId,
                            row.getString(5), row.getLong(6), row.getString(7), row.getString(8),
                            row.getBigDecimal(9), row.getDate(10).toLocalDate(), row.getBoolean(11)));
                }
            }
        }
        return payouts;
    }

    /** The reversals kept for these payouts: payout id to the reversal's entry id. */
    private static Map<Long, Long> loadPending(Connection db, List<Long> ids) throws SQLException {
        Map<Long, Long> pending = new HashMap<>();
        if (ids.isEmpty()) {
            return pending;
        }
        try (PreparedStatement query = db.prepareStatement(
                "SELECT payout_id, entry_id FROM pending_reversal WHERE payout_id = ANY(?)")) {
            query.setArray(1, db.createArrayOf("bigint", ids.toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    pending.put(row.getLong(1), row.getLong(2));
                }
            }
        }
        return pending;
    }

    private static void keepPending(Connection db, Map<Long, Long> reversals) throws SQLException {
        if (reversals.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO pending_reversal (payout_id, entry_id) VALUES (?, ?) ON CONFLICT (payout_id) DO NOTHING")) {
            for (Map.Entry<Long, Long> r : reversals.entrySet()) {
                insert.setLong(1, r.getKey());
                insert.setLong(2, r.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Deletes the reversals just applied; conditional, so a second reader applying them too rolls back. */
    private static void dropPending(Connection db, List<Long> ids) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM pending_reversal WHERE payout_id = ?")) {
            for (Long id : ids) {
                delete.setLong(1, id);
                if (delete.executeUpdate() != 1) {
                    throw new IllegalStateException("Pending reversal of payout " + id + " was applied meanwhile; batch rolled back");
                }
            }
        }
    }

    private static void insert(Connection db, Iterable<Payout> payouts) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO payout (payout_id, project, beneficiary, worker_id,"
                + " station_code, enterprise_id, category, cause, amount, occurred_on, reversed)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Payout p : payouts) {
                insert.setLong(1, p.id);
                insert.setString(2, p.project);
                insert.setString(3, p.beneficiary);
                insert.setObject(4, p.workerId);
                insert.setString(5, p.station);
                insert.setLong(6, p.enterprise);
                insert.setString(7, p.category);
                insert.setString(8, p.cause);
                insert.setBigDecimal(9, p.amount);
                insert.setDate(10, Date.valueOf(p.occurredOn));
                insert.setBoolean(11, p.reversed);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void markReversed(Connection db, List<Long> ids) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("UPDATE payout SET reversed = true WHERE payout_id = ? AND NOT reversed")) {
            for (Long id : ids) {
                update.setLong(1, id);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("Payout " + id + " was reversed meanwhile; batch rolled back");
                }
            }
        }
    }
}
