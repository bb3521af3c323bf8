package org.unionaid.common.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;

/** The Idempotency-Key header of the money-moving POSTs (those that take it) and their Idempotency-Replayed answer header. */
final class IdempotencyKeys {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IDEMPOTENCY_REPLAYED = "Idempotency-Replayed";

    private IdempotencyKeys() {
    }

    static boolean takesTheKey(List<Parameter> parameters) {
        return parameters.stream().anyMatch(p -> Schemas.isHeader(p, IDEMPOTENCY_KEY));
    }

    /** The key's limits, as the code checks them, and the replay header on every 2xx answer. */
    static void document(List<Parameter> parameters, APIResponses responses) {
        for (Parameter parameter : parameters) {
            if (Schemas.isHeader(parameter, IDEMPOTENCY_KEY)) {
                parameter.setRequired(false);
                parameter.setDescription("Makes a retry safe: the same key with the same body replays the first answer "
                        + "(Idempotency-Replayed: true), another body is 422, a retry while the first still runs is 409 "
                        + "with Retry-After. Bound to the caller; kept at least 24 hours.");
                parameter.setSchema(Schemas.string().minLength(1).maxLength(200));
                parameter.setExample("3f0c9a52-6c1e-4c1b-9d5e-2b7f1d0e8a41");
            }
        }
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeader(IDEMPOTENCY_REPLAYED, OASFactory.createHeader()
                        .description("true when this is the stored answer of an earlier request with the same Idempotency-Key")
                        .schema(Schemas.string().addEnumeration("true")));
            }
        });
    }
}
