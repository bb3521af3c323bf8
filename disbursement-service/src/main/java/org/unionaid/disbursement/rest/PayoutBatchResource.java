package org.unionaid.disbursement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.unionaid.disbursement.rest.Dtos.BatchResult;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.problem.Messages;
import org.unionaid.disbursement.rest.Dtos.PayoutBatch;
import org.unionaid.disbursement.service.Idempotency;
import org.unionaid.disbursement.service.Idempotency.Outcome;
import org.unionaid.disbursement.service.PayoutService;

import static org.unionaid.common.security.Roles.FINANCE;

@Path("/api/v1/payout-batches")
@Tag(name = "Payouts")
@Produces(MediaType.APPLICATION_JSON)
public class PayoutBatchResource {

    private final PayoutService payouts;
    private final Idempotency idempotency;

    PayoutBatchResource(PayoutService payouts, Idempotency idempotency) {
        this.payouts = payouts;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(FINANCE)
    @Operation(operationId = "payPayoutBatch", summary = "Pay a batch of approved applications of one project",
            description = "Each item is paid in its own transaction and reported as PAID, ALREADY_PAID or REFUSED "
                    + "(with the problem code). Re-sending a batch, with or without its Idempotency-Key, pays nothing twice.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PayoutBatch.class),
            examples = @ExampleObject(name = "batch", summary = "Bank transfers of three approved applications", value = Examples.PAYOUT_BATCH)))
    @APIResponse(responseCode = "200", description = "What happened to each application",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResult.class)))
    public Response pay(@Valid @NotNull PayoutBatch batch, @HeaderParam(Idempotency.HEADER) String key,
                        HttpHeaders headers) {
        return idempotency.executeInSteps(key, "POST /payout-batches", batch,
                () -> Outcome.ok(payouts.payBatch(batch, Messages.localeOf(headers))));
    }
}
