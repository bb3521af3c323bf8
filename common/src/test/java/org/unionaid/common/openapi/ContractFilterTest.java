package org.unionaid.common.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractFilterTest {

    private static Parameter header(String name) {
        return OASFactory.createParameter().name(name).in(Parameter.In.HEADER)
                .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING));
    }

    /** As SmallRye writes them: roles as scopes, a bare 401/403, a CSV media type with its qs. */
    private static OpenAPI document(Operation pay, Operation read) {
        return OASFactory.createOpenAPI()
                .components(OASFactory.createComponents().addSecurityScheme("SecurityScheme",
                        OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .paths(OASFactory.createPaths()
                        .addPathItem("/api/v1/payouts/{id}/reversal", OASFactory.createPathItem().POST(pay))
                        .addPathItem("/api/v1/reports/aid", OASFactory.createPathItem().GET(read)));
    }

    private static Operation secured(String... roles) {
        return OASFactory.createOperation()
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("SecurityScheme", List.of(roles)))
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().description("OK"))
                        .addAPIResponse("401", OASFactory.createAPIResponse().description("Not Authorized")));
    }

    @Test
    void declaresTheProblemsAnOperationCanGiveAsProblemsAndMovesRolesOutOfScopes() {
        Operation pay = secured("finance").tags(List.of("Payouts"))
                .requestBody(OASFactory.createRequestBody())
                .parameters(List.of(OASFactory.createParameter().name("id").in(Parameter.In.PATH).required(true),
                        header("Idempotency-Key"), header("If-Match")));
        Operation read = secured("analyst", "admin").tags(List.of("Reports"));
        read.getResponses().getAPIResponse("200").content(OASFactory.createContent()
                .addMediaType("text/csv;qs=0.5", OASFactory.createMediaType())
                .addMediaType("application/json", OASFactory.createMediaType()));
        OpenAPI document = document(pay, read);

        new ContractFilter().filterOpenAPI(document);

        Map<String, APIResponse> payAnswers = pay.getResponses().getAPIResponses();
        assertEquals(Set.of("200", "400", "401", "403", "404", "409", "412", "413", "415", "422", "428", "429", "500", "503"),
                payAnswers.keySet());
        Map<String, APIResponse> readAnswers = read.getResponses().getAPIResponses();
        assertEquals(Set.of("200", "400", "401", "403", "429", "500", "503"), readAnswers.keySet(),
                "a GET without path parameters or body: no 404, 409, 413");
        for (Map.Entry<String, APIResponse> answer : payAnswers.entrySet()) {
            if (!answer.getKey().equals("200")) {
                assertEquals(ContractFilter.PROBLEM_REF, answer.getValue().getContent()
                        .getMediaType("application/problem+json").getSchema().getRef(), answer.getKey());
            }
        }
        assertEquals("No valid bearer token", payAnswers.get("401").getDescription());
        assertTrue(payAnswers.get("503").getHeaders().containsKey("Retry-After"));
        assertEquals(List.of(), pay.getSecurity().get(0).getScheme("SecurityScheme"), "no scopes on a bearer scheme");
        assertEquals(List.of("finance"), pay.getExtensions().get(ContractFilter.ROLES_EXTENSION));
        assertTrue(pay.getDescription().endsWith("Roles: finance."));
        assertEquals(List.of("analyst", "admin"), read.getExtensions().get(ContractFilter.ROLES_EXTENSION));

        Parameter key = pay.getParameters().get(1);
        assertEquals(200, key.getSchema().getMaxLength());
        assertFalse(key.getRequired());
        assertTrue(payAnswers.get("200").getHeaders().containsKey("Idempotency-Replayed"));
        assertNull(readAnswers.get("200").getHeaders(), "no Idempotency-Replayed without the key");

        assertEquals(Set.of("text/csv", "application/json"),
                readAnswers.get("200").getContent().getMediaTypes().keySet(), "the media type without its qs");
        assertEquals(Set.of("Problem", "Violation"), document.getComponents().getSchemas().keySet());
        assertEquals(List.of("Payouts", "Reports"), document.getTags().stream().map(t -> t.getName()).toList());
        assertEquals("/", document.getServers().get(0).getUrl());
        assertEquals("JWT", document.getComponents().getSecuritySchemes().get("SecurityScheme").getBearerFormat());
    }
}
