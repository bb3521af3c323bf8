package org.unionaid.reporting.feed;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.unionaid.reporting.client.FeedItems.PayoutItem;
import org.unionaid.reporting.service.Period;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
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
 * table keeps the file the payout named. A mutual-aid claim by enrolment (a member, no file) is person aid
 * too, counted for its member ({@link Payout#memberPerson}).
 */
@ApplicationScoped
public class PayoutApplier {

    private static final List<String> CELL_KEYS = List.of("grain", "period", "yr", "qtr", "mon", "project",
            "beneficiary", "station_code", "enterprise_id", "category", "cause");

    private final AgroalDataSource dataSource;
    private final FeedPositions positions;

    PayoutApplier(AgroalDataSource dataSource, FeedPositions positions) {
        this.dataSource = dataSource;
        this.positions = positions;
    }

    @Transactional
    public long apply(long from, List<PayoutItem> items, Instant caughtUpAt) {
        long to = from;
        List<PayoutItem> fresh = items.stream().filter(i -> i.seq() > from).toList();
        try (Connection db = dataSource.getConnection()) {
            RebuildJob.refuseIn(db);
            List<Long> ids = fresh.stream().map(PayoutItem::payoutId).distinct().toList();
            WorkerMerges.lockShared(db);
            Map<Long, Payout> known = new HashMap<>();
            for (Payout p : Payout.load(db, "payout_id = ANY(?)", ids)) {
                known.put(p.id, p);
            }
            Map<Long, Long> personOf = WorkerMerges.persons(db, workers(fresh, known.values()));
            Map<Long, Long> pending = PendingReversals.load(db, ids.stream().filter(id -> !known.containsKey(id)).toList());
            Map<Long, Long> pendingNow = new HashMap<>();
            List<Long> pendingApplied = new ArrayList<>();
            Deltas cells = cells();
            Deltas persons = PersonDeltas.create();
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
            Payout.insert(db, created.values());
            Payout.markReversed(db, reversedNow);
            PendingReversals.keep(db, pendingNow);
            PendingReversals.drop(db, pendingApplied);
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

    /** An empty set of aid_cell changes. */
    static Deltas cells() {
        return new Deltas("aid_cell", CELL_KEYS, List.of("payouts", "amount"));
    }

    /** Counts a payout ({@code sign} 1) or takes it out (-1): its cells, and its person's cells when it has one. */
    static void count(Payout p, int sign, Deltas cells, Deltas persons, Map<Long, Long> personOf) {
        BigDecimal amount = sign > 0 ? p.amount : p.amount.negate();
        for (Period period : Period.of(p.occurredOn)) {
            List<Object> cell = new ArrayList<>(PersonDeltas.time(period));
            cell.addAll(List.of(p.project, p.cellBeneficiary(), p.station, p.enterprise, p.category, p.cause));
            cells.add(cell, (long) sign, amount);
        }
        if (p.workerId != null) {
            PersonDeltas.count(p, personOf.getOrDefault(p.workerId, p.workerId), sign, persons);
        } else if (p.memberPerson() != null) {
            PersonDeltas.count(p, p.memberPerson(), sign, persons);
        }
    }

}
