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
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.reporting.feed.ClosedEnterprises;
import org.unionaid.reporting.feed.FeedPositions;
import org.unionaid.reporting.feed.RebuildJob;
import org.unionaid.reporting.feed.FeedPositions.Snapshot;
import org.unionaid.reporting.rest.MutualAidViews.MutualAidView;
import org.unionaid.reporting.service.Dim;
import org.unionaid.reporting.service.ReportQuery;
import org.unionaid.reporting.service.ReportService;

import java.util.TreeMap;
import java.util.function.Function;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.ANALYST;

/**
 * Medical mutual aid by enterprise and year (issue 18), JSON or (Accept: text/csv) CSV. A weak ETag of the feed
 * positions, the closed enterprises' version and the query: If-None-Match gets 304 while none moved.
 */
@Path("/api/v1/reports/mutual-aid")
@Tag(name = "Reports", description = "Person-times, persons and amounts of aid; registry figures. No personal data.")
@RolesAllowed({ANALYST, ADMIN})
public class MutualAidReportResource {

    private static final MediaType CSV_TYPE = MediaType.valueOf("text/csv;charset=UTF-8");

    private final ReportService reports;
    private final FeedPositions positions;
    private final ClosedEnterprises closed;
    private final RenderedReports rendered;
    private final ObjectMapper json;
    private final RebuildJob rebuilds;

    MutualAidReportResource(ReportService reports, FeedPositions positions, ClosedEnterprises closed,
                            RenderedReports rendered, ObjectMapper json, RebuildJob rebuilds) {
        this.reports = reports;
        this.positions = positions;
        this.closed = closed;
        this.rendered = rendered;
        this.json = json;
        this.rebuilds = rebuilds;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The report, as JSON or (Accept: text/csv) CSV with the same figures",
            headers = @Header(name = "ETag", description = "Weak; the same while no feed moved", schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MutualAidView.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING,
                            description = "UTF-8, a header line, one line per item, a line of totals (keys ALL) last"))})
    @APIResponse(responseCode = "304", description = "If-None-Match names the current ETag: nothing changed")
    @Operation(operationId = "mutualAidReport", summary = "Medical mutual aid: members, premiums by payer, claims, by enterprise and year",
            description = "groupBy enterprise,year (default both); from, to or since are years; enterprise limits to one. Members "
                    + "and premiums by enrolment year, claims (PAID, reversals out) by the year paid; claims of fewer than 5 persons "
                    + "in a breakdown by enterprise are suppressed as in the aid report. unionPaidPremiumsOfClosedEnterprises: "
                    + "premiums the union paid at enterprises the registry lists as CLOSED, per item, per year and in total.")
    public Response report(@BeanParam MutualAidParams params, UriInfo uri, Request request) {
        ReportQuery q = params.toQuery(uri.getQueryParameters());
        return answer(MediaType.APPLICATION_JSON_TYPE, uri, request, view -> view, q);
    }

    @GET
    @Produces("text/csv;qs=0.5")
    @Operation(summary = "The mutual-aid report as CSV (a row of totals last)")
    public Response reportCsv(@BeanParam MutualAidParams params, UriInfo uri, Request request) {
        ReportQuery q = params.toQuery(uri.getQueryParameters());
        return answer(CSV_TYPE, uri, request, MutualAidViews::csv, q);
    }

    private Response answer(MediaType type, UriInfo uri, Request request, Function<MutualAidView, Object> body, ReportQuery q) {
        rebuilds.refuseWhileRunning();
        Snapshot snap = positions.snapshot();
        long version = closed.version();
        EntityTag tag = new EntityTag(fingerprint(type, snap, version, uri), true);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            return unchanged.header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
        }
        byte[] bytes = rendered.get(tag.getValue() + '|' + snap.asOf(), () -> ReportBodies.render(json, body.apply(MutualAidViews.of(
                q.groupBy().stream().map(Dim::key).toList(), q.from() == null ? null : q.from().getYear(),
                q.to() == null ? null : q.to().getYear(), reports.mutualAid(q), snap.asOf()))));
        return Response.ok(bytes, type).tag(tag).header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
    }

    private static String fingerprint(MediaType type, Snapshot snap, long closedVersion, UriInfo uri) {
        return ReportBodies.fingerprint("mutual-aid|" + type.getType() + '/' + type.getSubtype() + '|' + snap.positions()
                + '|' + closedVersion + '|' + new TreeMap<>(uri.getQueryParameters()));
    }
}
