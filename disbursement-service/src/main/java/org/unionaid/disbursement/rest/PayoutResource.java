package org.unionaid.disbursement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import org.unionaid.common.web.Params;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.BeanParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;
import org.unionaid.common.paging.Page;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.disbursement.rest.Dtos.PayoutRequest;
import org.unionaid.disbursement.rest.Dtos.PayoutView;
import org.unionaid.disbursement.rest.Dtos.Reversal;
import org.unionaid.disbursement.service.Idempotency;
import org.unionaid.disbursement.service.Idempotency.Outcome;
import org.unionaid.disbursement.service.PayoutService;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.CLERK;
import static org.unionaid.common.security.Roles.FINANCE;
import static org.unionaid.common.security.Roles.REVIEWER;

@Path("/api/v1/payouts")
@Tag(name = "Payouts", description = "Payments (发放) of approved applications, and their reversals")
@Produces(MediaType.APPLICATION_JSON)
public class PayoutResource {

    private final PayoutService payouts;
    private final Idempotency idempotency;

    PayoutResource(PayoutService payouts, Idempotency idempotency) {
        this.payouts = payouts;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(FINANCE)
    @Operation(operationId = "createPayout", summary = "Pay an approved application",
            description = "Pays at most once (409 already-paid). Takes Idempotency-Key: a retry with the same key "
                    + "and body replays the first answer, another body gets 422, a retry while the first runs 409.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PayoutRequest.class),
            examples = @ExampleObject(name = "payout", summary = "A bank transfer of an approved application", value = Examples.PAYOUT)))
    @APIResponse(responseCode = "201", description = "The payout: PAID (cash) or ISSUED (a bank transfer, PAID once the bank says so)",
            headers = @Header(name = "Location", description = "The payout's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PayoutView.class)))
    public Response pay(@Valid @NotNull PayoutRequest request, @HeaderParam(Idempotency.HEADER) String key, UriInfo uri) {
        return idempotency.execute(key, "POST /payouts", request, () -> null, none -> {
            PayoutView paid = payouts.pay(request);
            return Outcome.created(paid, org.unionaid.common.web.Links.uri(uri, paid.id()));
        });
    }

    @POST
    @Path("{id}/reversal")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(FINANCE)
    @Operation(operationId = "reversePayout", summary = "Reverse a payout",
            description = "For a bounced or wrong payment: the money returns to the budget's available amount; the "
                    + "payout and the reversal both stay in the ledger. Takes Idempotency-Key.")
    @APIResponse(responseCode = "200", description = "The payout, REVERSED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PayoutView.class)))
    public Response reverse(@PathParam("id") long id, @Valid @NotNull Reversal reversal,
                            @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.execute(key, "POST /payouts/" + id + "/reversal", reversal, () -> null,
                none -> Outcome.ok(payouts.reverse(id, reversal)));
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(operationId = "listPayouts", summary = "List payouts")
    public RestResponse<Page<PayoutView>> list(
            @QueryParam("workerId") @Parameter(description = "A hardship file's id", schema = @Schema(type = SchemaType.INTEGER, format = "int64")) String workerIdParam,
            @QueryParam("project") @Parameter(description = "A project's code") String project,
            @QueryParam("year") @Parameter(description = "A budget year", schema = @Schema(type = SchemaType.INTEGER, format = "int32")) String yearParam,
            @BeanParam PageQuery page) {
        Long workerId = Params.longValue(workerIdParam, "workerId");
        Long yearValue = Params.longValue(yearParam, "year");
        Integer year = yearValue == null ? null : Math.toIntExact(Math.max(0, Math.min(9999, yearValue)));
        return page.answer(payouts.list(workerId, project, year, page.cursor(), page.limit()));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(operationId = "getPayout", summary = "Read a payout")
    public PayoutView get(@PathParam("id") long id) {
        return payouts.find(id).orElseThrow(() -> ProblemException.notFound("Payout", id));
    }
}
