package org.unionaid.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.tags.Tag;
import org.unionaid.common.problem.Problems;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of every service's OpenAPI document that follow from the conventions of {@code common}
 * rather than from one resource: the RFC 9457 problem schema and the problem answers each operation
 * can give, the bearer scheme without OAuth scopes (the roles of {@code @RolesAllowed} move to
 * {@code x-roles} and the description), {@code servers}, the Idempotency-Key header of money-moving
 * POSTs (those that take it as a header parameter) and their Idempotency-Replayed answer header.
 * Runs at build time, so the document a service stores at build ({@code target/openapi}) is the
 * one it serves.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ContractFilter implements OASFilter {

    public static final String PROBLEM = "Problem";
    public static final String VIOLATION = "Violation";
    public static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    public static final String ROLES_EXTENSION = "x-roles";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IDEMPOTENCY_REPLAYED = "Idempotency-Replayed";
    static final String IF_MATCH = "If-Match";

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

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema(VIOLATION, violationSchema());
        components.addSchema(PROBLEM, problemSchema());
        bearerWithoutScopes(components);
        openAPI.setServers(new ArrayList<>(List.of(OASFactory.createServer().url("/")
                .description("The origin that serves this document (behind the gateway: the gateway's public URL)"))));
        Set<String> tags = new LinkedHashSet<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
                operation(path, method, operation);
                if (operation.getTags() != null) {
                    tags.addAll(operation.getTags());
                }
            }));
        }
        declareTags(openAPI, tags);
    }

    private static void operation(String path, PathItem.HttpMethod method, Operation operation) {
        rolesOutOfScopes(operation);
        if (!path.startsWith("/api/")) {
            return;
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean pathParameters = path.contains("{");
        boolean ifMatch = parameters.stream().anyMatch(p -> isHeader(p, IF_MATCH));
        boolean idempotent = parameters.stream().anyMatch(p -> isHeader(p, IDEMPOTENCY_KEY));
        boolean body = operation.getRequestBody() != null;
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;

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
        for (String status : statuses) {
            if (responses.getAPIResponse(status) == null) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().description(PROBLEMS.get(status)));
            }
        }
        if (responses.getAPIResponses() != null) {
            responses.getAPIResponses().forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    asProblem(status, response);
                } else {
                    withoutQualityParameters(response);
                }
            });
        }
        if (idempotent) {
            idempotencyKey(parameters);
            responses.getAPIResponses().forEach((status, response) -> {
                if (status.startsWith("2")) {
                    response.addHeader(IDEMPOTENCY_REPLAYED, OASFactory.createHeader()
                            .description("true when this is the stored answer of an earlier request with the same Idempotency-Key")
                            .schema(string().addEnumeration("true")));
                }
            });
        }
    }

    /** Every 4xx/5xx answer is a problem: the content is replaced, the operation's own description kept. */
    private static void asProblem(String status, APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        if (response.getDescription() == null || response.getDescription().isBlank()
                || response.getDescription().equals("Not Authorized") || response.getDescription().equals("Not Allowed")
                || response.getDescription().equals("Bad Request")) {
            response.setDescription(PROBLEMS.getOrDefault(status, "Problem"));
        }
        Content content = OASFactory.createContent().addMediaType(Problems.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
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

    /**
     * {@code @Produces("text/csv;qs=0.5")} (CSV only when asked for) is server-side negotiation: clients
     * see the media type alone, and a text answer without a declared schema is a string.
     */
    private static void withoutQualityParameters(APIResponse response) {
        if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
            return;
        }
        Map<String, MediaType> plain = new java.util.LinkedHashMap<>();
        Map<String, MediaType> qualified = new java.util.LinkedHashMap<>();
        response.getContent().getMediaTypes().forEach((type, media) -> {
            String bare = type.replaceAll(";\\s*qs=[0-9.]+", "");
            if (media.getSchema() == null && bare.startsWith("text/")) {
                media.setSchema(string());
            }
            (bare.equals(type) ? plain : qualified).putIfAbsent(bare, media);
        });
        qualified.forEach(plain::putIfAbsent);
        response.getContent().setMediaTypes(plain);
    }

    private static Header retryAfter() {
        return OASFactory.createHeader().description("Seconds to wait before trying again")
                .schema(OASFactory.createSchema().addType(SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO));
    }

    private static void idempotencyKey(List<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            if (isHeader(parameter, IDEMPOTENCY_KEY)) {
                parameter.setRequired(false);
                parameter.setDescription("Makes a retry safe: the same key with the same body replays the first answer "
                        + "(Idempotency-Replayed: true), another body is 422, a retry while the first still runs is 409 "
                        + "with Retry-After. Bound to the caller; kept at least 24 hours.");
                parameter.setSchema(string().minLength(1).maxLength(200));
                parameter.setExample("3f0c9a52-6c1e-4c1b-9d5e-2b7f1d0e8a41");
            }
        }
    }

    /** Roles are not OAuth scopes of a bearer token: the requirement keeps no scopes, the roles go to x-roles. */
    private static void rolesOutOfScopes(Operation operation) {
        if (operation.getSecurity() == null) {
            return;
        }
        Set<String> roles = new LinkedHashSet<>();
        List<SecurityRequirement> plain = new ArrayList<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            SecurityRequirement without = OASFactory.createSecurityRequirement();
            requirement.getSchemes().forEach((scheme, scopes) -> {
                if (scopes != null) {
                    roles.addAll(scopes);
                }
                without.addScheme(scheme);
            });
            plain.add(without);
        }
        operation.setSecurity(plain);
        if (!roles.isEmpty()) {
            operation.addExtension(ROLES_EXTENSION, new ArrayList<>(roles));
            String line = "Roles: " + String.join(", ", roles) + ".";
            String description = operation.getDescription();
            if (description == null || description.isBlank()) {
                operation.setDescription(line);
            } else if (!description.contains(line)) {
                operation.setDescription(description + "\n\n" + line);
            }
        }
    }

    private static void bearerWithoutScopes(Components components) {
        if (components.getSecuritySchemes() == null) {
            return;
        }
        for (SecurityScheme scheme : components.getSecuritySchemes().values()) {
            if (scheme.getType() == SecurityScheme.Type.HTTP) {
                scheme.setScheme("bearer");
                scheme.setBearerFormat("JWT");
                scheme.setDescription("An RS256 JWT of the identity provider; the roles are its groups claim "
                        + "(clerk, reviewer, finance, analyst, admin, service), a clerk's station its station claim. "
                        + "Each operation names the roles it allows in x-roles.");
            }
        }
    }

    private static void declareTags(OpenAPI openAPI, Set<String> used) {
        Set<String> declared = new LinkedHashSet<>();
        if (openAPI.getTags() != null) {
            openAPI.getTags().forEach(tag -> declared.add(tag.getName()));
        }
        for (String name : used) {
            if (!declared.contains(name)) {
                Tag tag = OASFactory.createTag().name(name);
                openAPI.addTag(tag);
            }
        }
    }

    private static boolean isHeader(Parameter parameter, String name) {
        return parameter.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(parameter.getName());
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }

    static Schema violationSchema() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One invalid field of a request: where it is and what is wrong with it (never the value sent)")
                .addProperty("field", string().description("The field: a body path (household.members[0].name), a parameter or a header")
                        .example("household.income"))
                .addProperty("message", string().description("What is wrong, in the language of Accept-Language")
                        .example("must be greater than or equal to 0"))
                .addRequired("field").addRequired("message");
    }

    static Schema problemSchema() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem, in English or (Accept-Language: zh) Chinese")
                .addProperty("type", string().description("urn:union-aid:problem: and the problem's code")
                        .example("urn:union-aid:problem:invalid-request"))
                .addProperty("title", string().example("Invalid request"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599)).example(400))
                .addProperty("detail", string().example("household.income: must be greater than or equal to 0"))
                .addProperty("instance", string().description("The request's path").example("/api/v1/workers"))
                .addProperty("requestId", string().description("The X-Request-Id of the request, as in the logs"))
                .addProperty("violations", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/" + VIOLATION)))
                .addRequired("type").addRequired("title").addRequired("status");
    }
}
