package org.unionaid.reporting.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.reporting.feed.FeedPositions;
import org.unionaid.reporting.feed.RebuildJob;
import org.unionaid.reporting.feed.FeedPositions.Snapshot;
import org.unionaid.reporting.period.Adjustments;
import org.unionaid.reporting.period.ClosedPeriod;
import org.unionaid.reporting.period.ClosedPeriods;
import org.unionaid.reporting.period.ClosedPeriods.Basis;
import org.unionaid.reporting.rest.ReportViews.AidView;
import org.unionaid.reporting.rest.ReportViews.GrantsView;
import org.unionaid.reporting.rest.ReportViews.PeriodState;
import org.unionaid.reporting.rest.ReportViews.ProjectView;
import org.unionaid.reporting.rest.ReportViews.RegistryView;
import org.unionaid.reporting.rest.ReportViews.SummaryView;
import org.unionaid.reporting.rest.ReportViews.TotalsView;
import org.unionaid.reporting.service.Dim;
import org.unionaid.reporting.service.Figures;
import org.unionaid.reporting.service.ReportQuery;
import org.unionaid.reporting.service.ReportService;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.ANALYST;
import static org.unionaid.common.security.Roles.REVIEWER;

/**
 * Aggregate statistics, as JSON or (Accept: text/csv) CSV with the same figures. Each answer
 * carries {@code asOf} and a weak ETag made of the feed positions and the query: while no feed
 * moved, If-None-Match gets 304, and the same report asked again is served as rendered
 * ({@link RenderedReports}).
 */
@Path("/api/v1/reports")
@Tag(name = "Reports", description = "Person-times, persons and amounts of aid; registry figures. No personal data.")
@RolesAllowed({ANALYST, REVIEWER, ADMIN})
public class ReportResource {

    private static final String CSV = "text/csv;qs=0.5";
    /** The report whose closed periods freeze only where they hold its tables ({@link ClosedPeriods#registryBasis}). */
    private static final String REGISTRY = "registry";
    private static final MediaType CSV_TYPE = MediaType.valueOf("text/csv;charset=UTF-8");
    private static final Set<Dim> AID_DIMS = EnumSet.of(Dim.PROJECT, Dim.YEAR, Dim.QUARTER, Dim.MONTH, Dim.STATION,
            Dim.ENTERPRISE, Dim.CATEGORY, Dim.CAUSE);
    private static final Set<Dim> REGISTRY_DIMS = EnumSet.of(Dim.STATUS, Dim.CATEGORY, Dim.CAUSE, Dim.STATION,
            Dim.YEAR, Dim.QUARTER, Dim.MONTH);

    private final ReportService reports;
    private final FeedPositions positions;
    private final RenderedReports rendered;
    private final ObjectMapper json;
    private final ClosedPeriods periods;
    private final Adjustments adjustments;
    private final RebuildJob rebuilds;

    ReportResource(ReportService reports, FeedPositions positions, RenderedReports rendered, ObjectMapper json,
                   ClosedPeriods periods, Adjustments adjustments, RebuildJob rebuilds) {
        this.reports = reports;
        this.positions = positions;
        this.rendered = rendered;
        this.json = json;
        this.periods = periods;
        this.adjustments = adjustments;
        this.rebuilds = rebuilds;
    }

    @GET
    @Path("summary")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The report, as JSON or (Accept: text/csv) CSV with the same figures",
            headers = @Header(name = "ETag", description = "Weak; the same while no feed moved", schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SummaryView.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, description = "UTF-8, a header line, then one line for all households, enterprise grants, station grants and each project (closed, closedAt, closedBy of a closed period; adjustmentOf and a line per adjustment when it has any)"))})
    @APIResponse(responseCode = "304", description = "If-None-Match names the current ETag: nothing changed")
    @Operation(operationId = "getSummaryReport", summary = "Totals: household aid (person-times, persons, amount), grants apart, per project", description = "from/to: 2024, 2024-Q2 or 2024-03; since=2016 for cumulative figures; station limits to a subtree. Limited to a station below the city, a category, cause or enterprise, the household figures are suppressed (null, suppressed true) when they count fewer than 5 persons or could be worked out from other figures shown.")
    public Response summary(@BeanParam ReportParams params, HttpHeaders headers, UriInfo uri) {
        ReportQuery q = params.toQuery(uri.getQueryParameters(), EnumSet.noneOf(Dim.class), List.of(), false);
        return answer("summary", MediaType.APPLICATION_JSON_TYPE, headers, uri, q, basis -> summaryView(q, basis, figuresKey("summary", basis, uri)));
    }

    @GET
    @Path("summary")
    @Produces(CSV)
    @Operation(summary = "The summary as CSV")
    public Response summaryCsv(@BeanParam ReportParams params, HttpHeaders headers, UriInfo uri) {
        ReportQuery q = params.toQuery(uri.getQueryParameters(), EnumSet.noneOf(Dim.class), List.of(), false);
        return answer("summary", CSV_TYPE, headers, uri, q, basis -> {
            return ReportCsv.summary(summaryView(q, basis, figuresKey("summary", basis, uri)));
        });
    }

    @GET
    @Path("aid")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The report, as JSON or (Accept: text/csv) CSV with the same figures",
            headers = @Header(name = "ETag", description = "Weak; the same while no feed moved", schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AidView.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, description = "UTF-8, a header line of the groupBy keys, personTimes, persons, amount, suppressed, asOf (closed, closedAt, closedBy of a closed period; adjustmentOf and a line per adjustment when it has any), one line per item"))})
    @APIResponse(responseCode = "304", description = "If-None-Match names the current ETag: nothing changed")
    @Operation(operationId = "getAidReport", summary = "Household aid grouped by project, year|quarter|month, station, enterprise, category, cause", description = "Cells of fewer than 5 persons in breakdowns that could identify someone are suppressed, with other cells so that none can be worked out by subtraction; totals are suppressed (null, totals.suppressed true) by the same rule when the report is limited to a station below the city, a category, cause or enterprise. level rolls stations up the tree. Unknown or repeated parameters, control characters and years outside 1950-2100 get 400.")
    public Response aid(@BeanParam ReportParams params, HttpHeaders headers, UriInfo uri) {
        ReportQuery q = params.toQuery(uri.getQueryParameters(), AID_DIMS, List.of(Dim.PROJECT), false);
        return answer("aid", MediaType.APPLICATION_JSON_TYPE, headers, uri, q, basis -> aidView(q, basis, figuresKey("aid", basis, uri)));
    }

    @GET
    @Path("aid")
    @Produces(CSV)
    @Operation(summary = "The aid report as CSV")
    public Response aidCsv(@BeanParam ReportParams params, HttpHeaders headers, UriInfo uri) {
        ReportQuery q = params.toQuery(uri.getQueryParameters(), AID_DIMS, List.of(Dim.PROJECT), false);
        return answer("aid", CSV_TYPE, headers, uri, q, basis -> {
            AidView view = aidView(q, basis, figuresKey("aid", basis, uri));
            return ReportCsv.items(view.groupBy(), List.of("personTimes", "persons", "amount", "suppressed"), view.items(),
                    view.asOf(), basis.closed(), view.adjustments());
        });
    }

    @GET
    @Path("registry")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The report, as JSON or (Accept: text/csv) CSV with the same figures",
            headers = @Header(name = "ETag", description = "Weak; the same while no feed moved", schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegistryView.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, description = "UTF-8, a header line of the groupBy keys, files, newFiles, exits, suppressed, asOf (closed, closedAt, closedBy of a closed period), one line per item"))})
    @APIResponse(responseCode = "304", description = "If-None-Match names the current ETag: nothing changed")
    @Operation(operationId = "getRegistryReport", summary = "Files now by status, category, cause, station; new files and exits per period", description = "In breakdowns that could identify someone, each figure (files, newFiles, exits) of 1 to 4 files is null, with other groups' same figure so that none can be worked out by subtraction; suppressed is true when any figure of the group is.")
    public Response registry(@BeanParam ReportParams params, HttpHeaders headers, UriInfo uri) {
        ReportQuery q = params.toQuery(uri.getQueryParameters(), REGISTRY_DIMS, List.of(Dim.STATUS), true);
        return answer(REGISTRY, MediaType.APPLICATION_JSON_TYPE, headers, uri, q, basis -> registryView(q, basis, figuresKey(REGISTRY, basis, uri)));
    }

    @GET
    @Path("registry")
    @Produces(CSV)
    @Operation(summary = "The registry report as CSV")
    public Response registryCsv(@BeanParam ReportParams params, HttpHeaders headers, UriInfo uri) {
        ReportQuery q = params.toQuery(uri.getQueryParameters(), REGISTRY_DIMS, List.of(Dim.STATUS), true);
        return answer(REGISTRY, CSV_TYPE, headers, uri, q, basis -> {
            RegistryView view = registryView(q, basis, figuresKey(REGISTRY, basis, uri));
            return ReportCsv.items(view.groupBy(), List.of("files", "newFiles", "exits", "suppressed"), view.items(),
                    view.asOf(), basis.closed(), List.of());
        });
    }

    private SummaryView summaryView(ReportQuery q, Basis basis, String key) {
        Figures.Summary s = rendered.figures(key, () -> reports.summary(q, basis.schema()));
        PeriodState state = periodState(q, basis, key);
        Snapshot snap = basis.snapshot();
        Figures.Totals h = s.households();
        return new SummaryView(ReportViews.month(q.from()), ReportViews.month(q.to()),
                h == null ? null : h.personTimes(), h == null ? null : h.persons(),
                h == null ? null : h.amount().toPlainString(), h == null, GrantsView.of(s.enterpriseGrants()),
                GrantsView.of(s.stationGrants()), s.projects().stream().map(ProjectView::of).toList(), snap.asOf(),
                state.closed(), state.closedAt(), state.closedBy(), state.adjustments());
    }

    private AidView aidView(ReportQuery q, Basis basis, String key) {
        Figures.Aid aid = rendered.figures(key, () -> reports.aid(q, basis.schema()));
        PeriodState state = periodState(q, basis, key);
        return new AidView(q.groupBy().stream().map(Dim::key).toList(), ReportViews.month(q.from()),
                ReportViews.month(q.to()), aid.items(), TotalsView.of(aid.totals()), basis.snapshot().asOf(),
                state.closed(), state.closedAt(), state.closedBy(), state.adjustments());
    }

    /** Closed or not, and the adjustments of the closed periods this report's range starts right after. */
    private PeriodState periodState(ReportQuery q, Basis basis, String key) {
        List<Adjustments.Adjustment> adjusted = basis.adjusted().isEmpty() ? List.of()
                : rendered.figures(key + "|adjustments", () -> adjustments.of(q, basis.adjusted()));
        return PeriodState.of(basis, adjusted);
    }

    private RegistryView registryView(ReportQuery q, Basis basis, String key) {
        ClosedPeriod closed = basis.closed();
        return new RegistryView(q.groupBy().stream().map(Dim::key).toList(), ReportViews.month(q.from()),
                ReportViews.month(q.to()), rendered.figures(key, () -> reports.registry(q, basis.schema())),
                basis.snapshot().asOf(), closed != null, closed == null ? null : closed.closedAt(),
                closed == null ? null : closed.closedBy());
    }

    /** The report over q's range: frozen inside a closed period, live otherwise ({@link ClosedPeriods}). */
    private Response answer(String report, MediaType type, HttpHeaders headers, UriInfo uri, ReportQuery q,
                            Function<Basis, Object> body) {
        rebuilds.refuseWhileRunning();
        Basis basis = report.equals(REGISTRY) ? periods.registryBasis(q.from(), q.to(), positions.snapshot())
                : periods.basis(q.from(), q.to(), positions.snapshot());
        Snapshot snap = basis.snapshot();
        EntityTag tag = new EntityTag(fingerprint(report, type, snap, uri), true);
        if (matches(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag)) {
            return Response.notModified(tag).header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
        }
        byte[] bytes = rendered.get(tag.getValue() + '|' + snap.asOf(), () -> ReportBodies.render(json, body.apply(basis)));
        return Response.ok(bytes, type).tag(tag).header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
    }

    /** What a report's figures depend on: the report, the query and the feed positions (not the representation, not asOf). */
    private static String figuresKey(String report, Basis basis, UriInfo uri) {
        return report + '|' + basis.snapshot().positions() + '|' + new TreeMap<>(uri.getQueryParameters());
    }

    /** The figures change only when a feed position moves; the same query then gives the same figures. */
    private static String fingerprint(String report, MediaType type, Snapshot snap, UriInfo uri) {
        String basis = report + '|' + type.getType() + '/' + type.getSubtype() + '|' + snap.positions() + '|'
                + new TreeMap<>(uri.getQueryParameters());
        return ReportBodies.fingerprint(basis);
    }

    private static boolean matches(String ifNoneMatch, EntityTag tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals("\"" + tag.getValue() + "\"") || c.equals("W/\"" + tag.getValue() + "\"")) {
                return true;
            }
        }
        return false;
    }
}
