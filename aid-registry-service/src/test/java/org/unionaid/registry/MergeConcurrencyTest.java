package org.unionaid.registry;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.registry.client.PayoutFeedApi.Item;
import org.unionaid.registry.feed.PayoutApplier;
import org.unionaid.testsupport.PostgresResource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.registry.Fixtures.OTHER_REVIEWER;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.registry.MergeTest.merge;

/** Merges racing payouts and other merges, on real threads and connections: no lost update, no deadlock. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class MergeConcurrencyTest {

    @Inject
    PayoutApplier payouts;

    @Inject
    AgroalDataSource database;

    private Fixtures.Tree tree;

    @BeforeEach
    void stations() {
        tree = Fixtures.stations();
    }

    @Test
    void aPayoutAppliedWhileTheMergeCommitsMovesTheSurvivorToo() throws Exception {
        long survivor = Fixtures.activeFile(tree.community(), idNumber(true));
        long from = Fixtures.activeFile(tree.community(), idNumber(false));
        Instant paidAt = Instant.parse("2026-06-01T03:00:00Z");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection merge = database.getConnection(); Statement s = merge.createStatement()) {
            // the merge's write of `from`, not yet committed
            merge.setAutoCommit(false);
            s.executeUpdate("UPDATE hardship_file SET status = 'CANCELLED', closed_at = now(), merged_into = " + survivor
                    + " WHERE id = " + from);
            long position = payouts.position();
            Future<Long> applied = pool.submit(() -> payouts.apply(position, List.of(new Item(position + 1, "PAYOUT",
                    System.nanoTime(), "HOUSEHOLD", from, paidAt)), position + 1));
            awaitWaitingOnALock();
            merge.commit();
            assertEquals(position + 1, applied.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(paidAt.toString(), lastAidedAt(from));
        assertEquals(paidAt.toString(), lastAidedAt(survivor), "the survivor the merge named, committed meanwhile");
    }

    @Test
    void aMergeNamingAFileMergedAlreadyRacingTheMergeThatRepointsItIsRefusedAndNeverDeadlocks() throws Exception {
        for (int round = 0; round < 4; round++) {
            // ids: merged < middle < survivor, so the old lock order (the pair, then the re-pointed) crossed
            long merged = Fixtures.pendingFile(tree.community(), idNumber(true));
            long middle = Fixtures.activeFile(tree.community(), idNumber(false));
            long survivor = Fixtures.activeFile(tree.community(), idNumber(true));
            merge(middle, merged, REVIEWER, "重复").statusCode(200);
            boolean reversed = round % 2 == 1;
            CompletableFuture<io.restassured.response.Response> repointing = CompletableFuture.supplyAsync(
                    () -> merge(survivor, middle, REVIEWER, "重复").extract().response());
            CompletableFuture<io.restassured.response.Response> stale = CompletableFuture.supplyAsync(
                    () -> (reversed ? merge(merged, middle, OTHER_REVIEWER, "重复") : merge(middle, merged, OTHER_REVIEWER, "重复"))
                            .extract().response());
            assertEquals(200, repointing.get(20, TimeUnit.SECONDS).statusCode(), "round " + round);
            io.restassured.response.Response refused = stale.get(20, TimeUnit.SECONDS);
            assertEquals(409, refused.statusCode(), "round " + round + ": " + refused.asString());
            assertTrue(refused.jsonPath().getString("type").endsWith("file-not-mergeable"), refused.asString());
            assertEquals(survivor, mergedInto(merged), "round " + round);
            assertEquals(survivor, mergedInto(middle), "round " + round);
        }
    }

    /** Until another backend waits for a row lock (the applier behind the uncommitted merge). */
    private void awaitWaitingOnALock() throws Exception {
        for (int i = 0; i < 100; i++) {
            if (Long.parseLong(query("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the payout never waited for the merge's row lock");
    }

    private String lastAidedAt(long file) {
        String at = query("SELECT to_char(last_aided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " FROM hardship_file WHERE id = " + file);
        return at == null ? null : Instant.parse(at).toString();
    }

    private long mergedInto(long file) {
        return Long.parseLong(query("SELECT merged_into FROM hardship_file WHERE id = " + file));
    }

    private String query(String sql) {
        try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
