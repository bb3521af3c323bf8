package org.unionaid.reporting.period;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.reporting.feed.FeedPositions.Snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which periods are closed, their history, and what a report reads: a range inside one closed period
 * reads its frozen figures at its frozen positions; any other range the live ones, and a range that
 * starts at the first open month after closed periods carries their adjustments.
 */
@ApplicationScoped
public class ClosedPeriods {

    /**
     * What a report is made from: the snapshot its ETag and asOf come from; the closed period it lies in
     * (null: live figures); the closed periods whose adjustments it shows.
     */
    public record Basis(Snapshot snapshot, ClosedPeriod closed, List<ClosedPeriod> adjusted) {
        /** The schema the report's queries read (null: the live tables). */
        public String schema() {
            return closed == null ? null : closed.period().schema();
        }
    }

    private static final TypeReference<TreeMap<String, Long>> POSITIONS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    ClosedPeriods(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The closed periods, oldest first. */
    public List<ClosedPeriod> list() {
        try (Connection db = dataSource.getConnection()) {
            return list(db);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the closed periods", e);
        }
    }

    /** Every close and reopen, in the order they happened. */
    public List<PeriodEvent> history() {
        try (Connection db = dataSource.getConnection();
             PreparedStatement query = db.prepareStatement(
                     "SELECT id, period_key, action, actor, at, text FROM report_period_event ORDER BY id");
             ResultSet rows = query.executeQuery()) {
            List<PeriodEvent> events = new ArrayList<>();
            while (rows.next()) {
                events.add(new PeriodEvent(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getTimestamp(5).toInstant(), rows.getString(6)));
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the closed periods' history", e);
        }
    }

    /**
     * The basis of a report over from..to (null: open). The live snapshot's positions gain the number of
     * closes and reopens so far, so a close or reopen makes new ETags and renderings (adjustments change);
     * a frozen snapshot is the close's positions with the period and its close time.
     */
    public Basis basis(YearMonth from, YearMonth to, Snapshot live) {
        return basis(from, to, live, false);
    }

    /**
     * {@link #basis} of a registry report: frozen in a closed period that holds the registry's figures
     * ({@link FrozenSchema#holdsRegistry}), live otherwise; the registry has no adjustments.
     */
    public Basis registryBasis(YearMonth from, YearMonth to, Snapshot live) {
        Basis basis = basis(from, to, live, true);
        return basis.closed() == null ? new Basis(basis.snapshot(), null, List.of()) : basis;
    }

    private Basis basis(YearMonth from, YearMonth to, Snapshot live, boolean registry) {
        try (Connection db = dataSource.getConnection()) {
            List<ClosedPeriod> closed = list(db);
            if (from != null && to != null) {
                for (ClosedPeriod c : closed) {
                    if (c.period().contains(from) && c.period().contains(to)
                            && (!registry || FrozenSchema.holdsRegistry(db, c.period()))) {
                        Map<String, Long> frozen = new TreeMap<>(c.positions());
                        frozen.put("closed " + c.period().key(), c.closedAt().toEpochMilli());
                        return new Basis(new Snapshot(frozen, c.asOf()), c, List.of());
                    }
                }
            }
            Map<String, Long> positions = new TreeMap<>(live.positions());
            positions.put("period events", version(db));
            List<ClosedPeriod> adjusted = new ArrayList<>();
            if (from != null && closedAt(closed, from) == null) {
                for (ClosedPeriod c : closed) {
                    if (firstOpenAfter(c, closed).equals(from)) {
                        adjusted.add(c);
                    }
                }
            }
            return new Basis(new Snapshot(positions, live.asOf()), null, List.copyOf(adjusted));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the closed periods", e);
        }
    }

    /** The first month after a closed period that no closed period holds: where its late payouts show. */
    static YearMonth firstOpenAfter(ClosedPeriod period, List<ClosedPeriod> closed) {
        YearMonth month = period.period().last().plusMonths(1);
        for (ClosedPeriod next = closedAt(closed, month); next != null; next = closedAt(closed, month)) {
            month = next.period().last().plusMonths(1);
        }
        return month;
    }

    private static ClosedPeriod closedAt(List<ClosedPeriod> closed, YearMonth month) {
        return closed.stream().filter(c -> c.period().contains(month)).findFirst().orElse(null);
    }

    private List<ClosedPeriod> list(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT period_key, closed_at, closed_by, note,"
                + " positions::text, as_of FROM report_period ORDER BY first_month");
             ResultSet rows = query.executeQuery()) {
            List<ClosedPeriod> out = new ArrayList<>();
            while (rows.next()) {
                Timestamp asOf = rows.getTimestamp(6);
                out.add(new ClosedPeriod(ReportPeriod.parse(rows.getString(1)),
                        rows.getTimestamp(2).toInstant(), rows.getString(3), rows.getString(4),
                        positions(rows.getString(5)), asOf == null ? null : asOf.toInstant()));
            }
            return out;
        }
    }

    private static long version(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT COALESCE(max(id), 0) FROM report_period_event");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private Map<String, Long> positions(String text) {
        try {
            return json.readValue(text, POSITIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A closed period's stored positions are not readable", e);
        }
    }
}
