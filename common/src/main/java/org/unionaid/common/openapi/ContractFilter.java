package org.unionaid.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of every service's OpenAPI document that follow from the conventions of {@code common}
 * rather than from one resource: the RFC 9457 problem schema and the problem answers each operation
 * can give, the bearer scheme without OAuth scopes (the roles of {@code @RolesAllowed} move to
 * {@code x-roles} and the description), {@code servers}, the Idempotency-Key header of money-moving
 * POSTs (those that take it as a header parameter) and their Idempotency-Replayed answer header.
 * Runs at build time, so the document a service stores at build ({@code target/openapi}) is the
 * one it serves. Each part is its own class: {@link ProblemAnswers}, {@link BearerRoles},
 * {@link IdempotencyKeys}, {@link MediaTypes}.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ContractFilter implements OASFilter {

    public static final String PROBLEM = "Problem";
    public static final String VIOLATION = "Violation";
    public static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    public static final String ROLES_EXTENSION = "x-roles";
    static final String IF_MATCH = "If-Match";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema(VIOLATION, ProblemAnswers.violationSchema());
        components.addSchema(PROBLEM, ProblemAnswers.problemSchema());
        BearerRoles.bearerWithoutScopes(components);
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
        BearerRoles.rolesOutOfScopes(operation);
        if (!path.startsWith("/api/")) {
            return;
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean idempotent = IdempotencyKeys.takesTheKey(parameters);
        ProblemAnswers.declare(responses, ProblemAnswers.statuses(path.contains("{"),
                method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD,
                parameters.stream().anyMatch(p -> Schemas.isHeader(p, IF_MATCH)),
                operation.getRequestBody() != null, idempotent));
        if (responses.getAPIResponses() != null) {
            responses.getAPIResponses().forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    ProblemAnswers.asProblem(status, response);
                } else {
                    MediaTypes.withoutQualityParameters(response);
                }
            });
        }
        if (idempotent) {
            IdempotencyKeys.document(parameters, responses);
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
}
