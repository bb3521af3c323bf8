package org.unionaid.reporting.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.unionaid.common.problem.ProblemException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Reports from the pre-aggregated tables.
 *
 * <p>Cost model. Person-times and amounts are sums over {@code aid_cell}, whose rows are
 * (period x project x station x enterprise x category x cause) cells that exist. A range is read
 * as the fewest whole years, quarters and months that cover it ({@link Period#tiling}), so a
 * report reads at most (years + 6) periods of cells, whatever the number of payouts.
 *
 * <p>Distinct persons, exact, come from counters kept when payouts are applied (V2 migration,
 * {@code feed.PersonCounters}), chosen by the query's shape ({@link Persons}); the counters'
 * {@code dims} mask is the grouped and the filtered dimensions:
 * <ul>
 * <li>each group's range is one stored period (groupBy year, quarter or month over aligned
 * ranges, or a range that is one year, quarter or month): one {@code aid_reach} row per group;</li>
 * <li>no time grouping and a range of whole years (open ends are whole years; "since Y"; all
 * years): {@code aid_reach_chain}, at most years x (years + 1) / 2 rows per group;</li>
 * <li>otherwise (a group spanning several periods that are not whole years, several projects
 * merged without grouping by project, a station filter below the level rolled up to):
 * {@code COUNT(DISTINCT worker_id)} over the {@code aid_person} rows of the periods, which grows
 * with the distinct persons in the answer and the periods spanned.</li>
 * </ul>
 * So every counter-served report costs O(groups x periods) (O(groups x years^2) for the chain),
 * the same at 5 thousand or 25 million payouts. Registry figures are sums over
 * {@code registry_stock} / {@code registry_flow} cells. All queries of one report run in one
 * REPEATABLE READ transaction, so its figures agree with each other.
 * {@code union-aid.reports.person-counters=false} (env {@code REPORTS_PERSON_COUNTERS}) counts
 * every report over {@code aid_person}: the same figures, at the old cost.
 *
 * <p>This class owns the reports' transactions; {@link HouseholdReports} and {@link RegistryReports} compute
 * the figures. A closed period's frozen figures are the same queries on its schema ({@link #snapshot(String)}).
 */
@ApplicationScoped
public class ReportService {

    /** SQLSTATEs of a relation and of a schema that do not exist. */
    private static final String UNDEFINED_TABLE = "42P01";
    private static final String INVALID_SCHEMA = "3F000";

    private final AgroalDataSource dataSource;
    private final HouseholdReports households;
    private final RegistryReports registry;
    private final MutualAidReports mutualAid;

    ReportService(AgroalDataSource dataSource,
                  @ConfigProperty(name = "union-aid.reports.min-cell-size", defaultValue = "5") int minCell,
                  @ConfigProperty(name = "union-aid.reports.person-counters", defaultValue = "true") boolean counters) {
        this.dataSource = dataSource;
        this.households = new HouseholdReports(minCell, counters);
        this.registry = new RegistryReports(minCell);
        this.mutualAid = new MutualAidReports(households);
    }

    /** Household aid grouped as asked, with its totals ({@link HouseholdReports#aid}). */
    @Transactional
    public Figures.Aid aid(ReportQuery q) {
        return aid(q, null);
    }

    /** {@link #aid(ReportQuery)} from the tables in {@code schema}: a closed period's frozen figures (null: live). */
    @Transactional
    public Figures.Aid aid(ReportQuery q, String schema) {
        try (Connection db = snapshot(schema)) {
            return households.aid(db, q);
        } catch (SQLException e) {
            throw failure("the aid figures", schema, e);
        }
    }

    /** Household totals, projects and grants ({@link HouseholdReports#summary}). */
    @Transactional
    public Figures.Summary summary(ReportQuery q) {
        return summary(q, null);
    }

    /** {@link #summary(ReportQuery)} from the tables in {@code schema}: a closed period's frozen figures (null: live). */
    @Transactional
    public Figures.Summary summary(ReportQuery q, String schema) {
        try (Connection db = snapshot(schema)) {
            return households.summary(db, q);
        } catch (SQLException e) {
            throw failure("the summary", schema, e);
        }
    }

    /**
     * Files now, new files and exits ({@link RegistryReports#registry}), from the tables in {@code schema}: a
     * closed period's frozen figures (null: live).
     */
    @Transactional
    public List<Map<String, Object>> registry(ReportQuery q, String schema) {
        try (Connection db = snapshot(schema)) {
            return registry.registry(db, q);
        } catch (SQLException e) {
            throw failure("the registry figures", schema, e);
        }
    }

    /** Medical mutual aid by enterprise and year ({@link MutualAidReports}). */
    @Transactional
    public Figures.MutualAid mutualAid(ReportQuery q) {
        try (Connection db = snapshot(null)) {
            return mutualAid.report(db, q);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the mutual-aid figures", e);
        }
    }

    /**
     * Distinct persons by group (keys in groupBy order), before suppression: from the counters
     * where the query's shape allows ({@code counters} true), else, or when false, counted over
     * {@code aid_person}. Both answers are exact and equal; tests compare them.
     */
    @Transactional
    public Map<List<Object>, Long> persons(ReportQuery q, boolean counters) {
        try (Connection db = snapshot(null)) {
            return Persons.count(db, q.groupBy(), q, counters);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the persons", e);
        }
    }

    /** Where {@link #aid} takes the persons of its groups from for this query (see the class comment). */
    @Transactional
    public String personSource(ReportQuery q) {
        try (Connection db = snapshot(null)) {
            return Persons.source(db, q.groupBy(), q).name();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not plan the persons count", e);
        }
    }

    /**
     * A closed period's schema that is gone while its report was being read (a reopen between choosing the frozen
     * figures and reading them: its DROP SCHEMA) is 503 period-changed with Retry-After, not a 500; asked again, the
     * report reads the period's figures as they now are. Anything else stays an error of the service.
     */
    private static RuntimeException failure(String what, String schema, SQLException e) {
        if (schema != null && (UNDEFINED_TABLE.equals(e.getSQLState()) || INVALID_SCHEMA.equals(e.getSQLState()))) {
            return new ProblemException(503, "period-changed", List.of(), Map.of("Retry-After", "1"));
        }
        return new IllegalStateException("Could not read " + what, e);
    }

    /** A report's transaction; with a schema (a closed period's, named by period.ReportPeriod) its tables are read. */
    Connection snapshot(String schema) throws SQLException {
        Connection db = dataSource.getConnection();
        try (Statement isolation = db.createStatement()) {
            isolation.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            // COUNT(DISTINCT) of a report the counters cannot serve sorts in memory, not on disk.
            isolation.execute("SET LOCAL work_mem = '64MB'");
            if (schema != null) {
                if (!schema.matches("closed_[0-9a-z_]{4,8}")) {
                    throw new IllegalArgumentException("Not a closed period's schema: " + schema);
                }
                isolation.execute("SET LOCAL search_path TO " + schema);
            }
        }
        return db;
    }
}
