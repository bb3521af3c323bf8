package org.unionaid.reporting.feed;

import io.quarkus.logging.Log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merged hardship files (issue 14): a file merged into another counts as that other file, the person.
 *
 * <p>{@code worker_merge} (V4) holds each file merged now and the file it names ({@code mergedInto}
 * of its newest state in the worker feed). The person of a file is the end of that chain: a file
 * merged into one that is merged later counts for the later survivor even before the registry's
 * re-pointing item arrives, so merges and re-pointings give the same figures in any order.
 *
 * <p>The invariant kept: {@code aid_person} holds every standing household payout under the person of
 * its file as the merges stand now. {@link PayoutApplier} counts a payout or a reversal under the person
 * of its file ({@link #persons}); a change of merges moves the standing payouts of every file whose
 * person changes from the old person to the new one, as aid_person deltas, with the counters of distinct
 * persons corrected by {@link PersonCounters} (a worker counted once per key: where both files were
 * aided the persons drop by one). A moved payout keeps its own station, enterprise, category and cause,
 * as applied: aid_cell (person-times, amounts) does not change.
 *
 * <p>Both run in their feed's transaction. A merge takes {@code worker_merge} in SHARE ROW EXCLUSIVE
 * mode, a payout batch in SHARE mode before it reads the merges: a payout batch applied meanwhile by
 * another reader either comes before the merge (and is moved by it) or after it (and counts under the
 * survivor).
 */
final class WorkerMerges {

    /** Longer chains than this are not followed (the registry keeps them one level deep). */
    private static final int MAX_CHAIN = 64;

    private WorkerMerges() {
    }

    /** Taken by a payout batch before it reads the merges: a merge being applied finishes first. */
    static void lockShared(Connection db) throws SQLException {
        try (Statement lock = db.createStatement()) {
            lock.execute("LOCK TABLE worker_merge IN SHARE MODE");
        }
    }

    /** The person (the file at the end of its chain of merges, itself if not merged) of each of these files. */
    static Map<Long, Long> persons(Connection db, Collection<Long> files) throws SQLException {
        Map<Long, Long> persons = new HashMap<>();
        if (files.isEmpty()) {
            return persons;
        }
        try (PreparedStatement query = db.prepareStatement("WITH RECURSIVE chain (start_id, file_id, depth) AS ("
                + " SELECT f, f, 0 FROM unnest(?::bigint[]) AS t (f)"
                + " UNION ALL SELECT c.start_id, m.merged_into, c.depth + 1 FROM chain c"
                + " JOIN worker_merge m ON m.file_id = c.file_id WHERE c.depth < " + MAX_CHAIN + ")"
                + " SELECT DISTINCT ON (start_id) start_id, file_id FROM chain ORDER BY start_id, depth DESC")) {
            query.setArray(1, db.createArrayOf("bigint", files.stream().distinct().toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    persons.put(row.getLong(1), row.getLong(2));
                }
            }
        }
        return persons;
    }

    /**
     * The files' newest states applied by a worker batch: file id to its {@code mergedInto} (null: not
     * merged). Stores the merges that changed and moves the payouts of every file whose person changed.
     */
    static void apply(Connection db, Map<Long, Long> mergedInto) throws SQLException {
        Map<Long, Long> wanted = new LinkedHashMap<>();
        mergedInto.forEach((file, into) -> {
            if (Objects.equals(file, into)) {
                Log.warnf("Worker feed: file %d merged into itself; taken as not merged", file);
                into = null;
            }
            wanted.put(file, into);
        });
        if (changes(load(db, wanted.keySet()), wanted).isEmpty()) {
            return;
        }
        try (Statement lock = db.createStatement()) {
            lock.execute("LOCK TABLE worker_merge IN SHARE ROW EXCLUSIVE MODE");
        }
        // read again under the lock: another reader may have applied them meanwhile (its position then
        // makes this batch roll back anyway)
        Map<Long, Long> changed = changes(load(db, wanted.keySet()), wanted);
        if (changed.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        List<Long> moving = filesCountingAs(db, changed.keySet());
        Map<Long, Long> before = persons(db, moving);
        store(db, changed);
        Map<Long, Long> after = persons(db, moving);
        Map<Long, long[]> moves = new HashMap<>();
        for (Long file : moving) {
            if (!before.get(file).equals(after.get(file))) {
                moves.put(file, new long[] {before.get(file), after.get(file)});
            }
        }
        Deltas persons = PersonDeltas.create();
        int payouts = 0;
        for (Payout p : standingPayouts(db, moves.keySet())) {
            long[] move = moves.get(p.workerId);
            PersonDeltas.count(p, move[0], -1, persons);
            PersonDeltas.count(p, move[1], 1, persons);
            payouts++;
        }
        PersonCounters.apply(db, persons.firstValues());
        persons.write(db);
        Log.infof("Worker feed: %d merges changed; %d files now count as another person, %d payouts moved in %d ms",
                changed.size(), moves.size(), payouts, (System.nanoTime() - start) / 1_000_000);
    }

    private static Map<Long, Long> changes(Map<Long, Long> stored, Map<Long, Long> wanted) {
        Map<Long, Long> changed = new LinkedHashMap<>();
        wanted.forEach((file, into) -> {
            if (!Objects.equals(stored.get(file), into)) {
                changed.put(file, into);
            }
        });
        return changed;
    }

    private static Map<Long, Long> load(Connection db, Collection<Long> files) throws SQLException {
        Map<Long, Long> merges = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement(
                "SELECT file_id, merged_into FROM worker_merge WHERE file_id = ANY(?)")) {
            query.setArray(1, db.createArrayOf("bigint", files.toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    merges.put(row.getLong(1), row.getLong(2));
                }
            }
        }
        return merges;
    }

    /** These files and every file merged into them, directly or through others: whose person may change. */
    private static List<Long> filesCountingAs(Connection db, Collection<Long> files) throws SQLException {
        List<Long> all = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("WITH RECURSIVE below (file_id) AS ("
                + " SELECT unnest(?::bigint[])"
                + " UNION SELECT m.file_id FROM worker_merge m JOIN below b ON m.merged_into = b.file_id)"
                + " SELECT file_id FROM below")) {
            query.setArray(1, db.createArrayOf("bigint", files.toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    all.add(row.getLong(1));
                }
            }
        }
        return all;
    }

    private static void store(Connection db, Map<Long, Long> changed) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM worker_merge WHERE file_id = ?");
             PreparedStatement upsert = db.prepareStatement("INSERT INTO worker_merge (file_id, merged_into) VALUES (?, ?)"
                     + " ON CONFLICT (file_id) DO UPDATE SET merged_into = EXCLUDED.merged_into")) {
            for (Map.Entry<Long, Long> merge : changed.entrySet()) {
                if (merge.getValue() == null) {
                    delete.setLong(1, merge.getKey());
                    delete.addBatch();
                } else {
                    upsert.setLong(1, merge.getKey());
                    upsert.setLong(2, merge.getValue());
                    upsert.addBatch();
                }
            }
            delete.executeBatch();
            upsert.executeBatch();
        }
    }

    /** The unreversed household payouts of these files, as applied. */
    private static List<Payout> standingPayouts(Connection db, Collection<Long> files) throws SQLException {
        if (files.isEmpty()) {
            return List.of();
        }
        return Payout.load(db, "worker_id = ANY(?) AND beneficiary = '" + Payout.HOUSEHOLD
                + "' AND NOT reversed", files);
    }
}
