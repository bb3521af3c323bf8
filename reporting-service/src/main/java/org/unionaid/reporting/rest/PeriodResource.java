package org.unionaid.reporting.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.reporting.period.ClosedPeriod;
import org.unionaid.reporting.period.ClosedPeriods;
import org.unionaid.reporting.period.PeriodClosing;
import org.unionaid.reporting.period.PeriodEvent;
import org.unionaid.reporting.period.ReportPeriod;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.ANALYST;

/** Closed periods: the city closes a month, quarter or year after review and its figures freeze. */
@Path("/api/v1/reports/periods")
@Tag(name = "Closed periods", description = "Closing a period freezes its figures; reopening needs a reason.")
@Produces(MediaType.APPLICATION_JSON)
public class PeriodResource {

    private static final String NO_NUL = "[^\\x00]*";

    public record CloseRequest(@Size(max = 2000) @Pattern(regexp = NO_NUL, message = "{text.noNul}") String note) {
    }

    public record ReopenRequest(@NotBlank @Size(max = 2000)
                                @Pattern(regexp = NO_NUL, message = "{text.noNul}") String reason) {
    }

    public record PeriodView(String period, String from, String to, boolean closed, Instant closedAt, String closedBy,
                             String note, Map<String, Long> positions, Instant asOf) {
        static PeriodView of(ClosedPeriod c) {
            return new PeriodView(c.period().key(), c.period().first().toString(), c.period().last().toString(), true,
                    c.closedAt(), c.closedBy(), c.note(), c.positions(), c.asOf());
        }
    }

    public record EventView(String period, String action, String actor, Instant at, String note, String reason) {
        static EventView of(PeriodEvent e) {
            boolean close = "CLOSE".equals(e.action());
            return new EventView(e.period(), e.action(), e.actor(), e.at(), close ? e.text() : null, close ? null : e.text());
        }
    }

    public record PeriodsView(List<PeriodView> items, List<EventView> history) {
    }

    private final ClosedPeriods periods;
    private final PeriodClosing closing;
    private final SecurityIdentity identity;

    PeriodResource(ClosedPeriods periods, PeriodClosing closing, SecurityIdentity identity) {
        this.periods = periods;
        this.closing = closing;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ADMIN, ANALYST})
    @Operation(operationId = "listClosedPeriods", summary = "The closed periods and the history of closes and reopens (oldest first)")
    public PeriodsView list() {
        return new PeriodsView(periods.list().stream().map(PeriodView::of).toList(),
                periods.history().stream().map(EventView::of).toList());
    }

    @POST
    @Path("{period}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ADMIN)
    @Operation(operationId = "closePeriod", summary = "Close a year (2026), quarter (2026-Q1) or month (2026-03) that is over (China time)",
            description = "Its figures freeze at the feed positions of the moment: reports of a range inside it answer them with closed: true. 409 when it is closed already, overlaps a closed period or is not over.")
    public PeriodView close(@PathParam("period") String period, @Valid CloseRequest request) {
        ReportPeriod p = ReportPeriod.parse(period);
        return PeriodView.of(closing.close(p, request == null ? null : request.note(), actor()));
    }

    @POST
    @Path("{period}/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ADMIN)
    @Operation(operationId = "reopenPeriod", summary = "Reopen a closed period, with a reason; its reports are live again, the history keeps the close")
    public EventView reopen(@PathParam("period") String period, @Valid @NotNull ReopenRequest request) {
        ReportPeriod p = ReportPeriod.parse(period);
        return EventView.of(closing.reopen(p, request.reason(), actor()));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
