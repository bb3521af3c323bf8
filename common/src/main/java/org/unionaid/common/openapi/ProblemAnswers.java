package org.unionaid.common.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.unionaid.common.problem.Problems;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RFC 9457 side of the contract: the Problem and Violation schemas, the problem answers an operation can give
 * (from what it takes: path parameters, a body, If-Match, Idempotency-Key) and every 4xx/5xx answer as a problem.
 */
final class ProblemAnswers {

    /** What each problem status means here, in the words of the README's conventions. */
    static final Map<String, String> PROBLEMS = Map.ofEntries(
            Map.entry("400", "Invalid request: the problem's violations name each field (path, query, header or body) that is wrong"),
            Map.entry("401", "No valid bearer token"),
            Map.entry("403", "The token's roles (or a clerk's station) do not allow this"),
            Map.entry("404", "No such resource, or not one the caller may see"),
            Map.entry("409", "Conflicts with the resource's state or with a concurrent write (Retry-After when retrying may help)"),
            Map.entry("412", "If-Match does not name the resource's current ETag"),
            Map.entry("413", "The body is larger than allowed"),
            Map.entry("415", "The body's Content-Type is not one this operation takes"),
            Map.entry("422", "Well-formed but refused by a rule"),
            Map.entry("428", "If-Match is required"),
            Map.entry("429", "Too many requests (Retry-After says when to try again)"),
            Map.entry("500", "Internal error (the problem carries the requestId to report)"),
            Map.entry("503", "A database or service this one needs is unavailable (Retry-After)"));

    private ProblemAnswers() {
    }

    /** The problem statuses of an operation, in the order they are declared. */
    static Set<String> statuses(boolean pathParameters, boolean write, boolean ifMatch, boolean body, boolean idempotent) {
        Set<String> statuses = new LinkedHashSet<>(List.of("400", "401", "403"));
        if (pathParameters) {
            statuses.add("404");
        }
        if (write) {
            statuses.add("409");
        }
        if (ifMatch) {
            statuses.add("412");
            statuses.add("428");
        }
        if (body) {
            statuses.add("413");
            statuses.add("415");
        }
        if (idempotent) {
            statuses.add("422");
        }
        statuses.addAll(List.of("429", "500", "503"));
        return statuses;
    }

    /** Adds an answer for each status the operation does not declare itself. */
    static void declare(APIResponses responses, Set<String> statuses) {
        for (String status : statuses) {
            if (responses.getAPIResponse(status) == null) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().description(PROBLEMS.get(status)));
            }
        }
    }

    /** Every 4xx/5xx answer is a problem: the content is replaced, the operation's own description kept. */
    static void asProblem(String status, APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        if (response.getDescription() == null || response.getDescription().isBlank()
                || response.getDescription().equals("Not Authorized") || response.getDescription().equals("Not Allowed")
                || response.getDescription().equals("Bad Request")) {
            response.setDescription(PROBLEMS.getOrDefault(status, "Problem"));
        }
        Content content = OASFactory.createContent().addMediaType(Problems.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ContractFilter.PROBLEM_REF)));
        if (response.getContent() != null && response.getContent().getMediaTypes() != null) {
            MediaType problem = response.getContent().getMediaType(Problems.MEDIA_TYPE);
            if (problem != null && problem.getExamples() != null) {
                content.getMediaType(Problems.MEDIA_TYPE).setExamples(problem.getExamples());
            }
        }
        response.setContent(content);
        if ((status.equals("429") || status.equals("503")) && (response.getHeaders() == null
                || !response.getHeaders().containsKey("Retry-After"))) {
            response.addHeader("Retry-After", retryAfter());
        }
    }

    private static Header retryAfter() {
        return OASFactory.createHeader().description("Seconds to wait before trying again")
                .schema(OASFactory.createSchema().addType(SchemaType.INTEGER).minimum(BigDecimal.ZERO));
    }

    static Schema violationSchema() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One invalid field of a request: where it is and what is wrong with it (never the value sent)")
                .addProperty("field", Schemas.string().description("The field: a body path (household.members[0].name), a parameter or a header")
                        .example("household.income"))
                .addProperty("message", Schemas.string().description("What is wrong, in the language of Accept-Language")
                        .example("must be greater than or equal to 0"))
                .addRequired("field").addRequired("message");
    }

    static Schema problemSchema() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem, in English or (Accept-Language: zh) Chinese")
                .addProperty("type", Schemas.string().description("urn:union-aid:problem: and the problem's code")
                        .example("urn:union-aid:problem:invalid-request"))
                .addProperty("title", Schemas.string().example("Invalid request"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599)).example(400))
                .addProperty("detail", Schemas.string().example("household.income: must be greater than or equal to 0"))
                .addProperty("instance", Schemas.string().description("The request's path").example("/api/v1/workers"))
                .addProperty("requestId", Schemas.string().description("The X-Request-Id of the request, as in the logs"))
                .addProperty("violations", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/" + ContractFilter.VIOLATION)))
                .addRequired("type").addRequired("title").addRequired("status");
    }
}
