package org.unionaid.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What a frontend team's linter (spectral:oas recommended, redocly recommended) reports as an error,
 * and what our own conventions promise, checked on the merged document. Each rule lists every
 * operation or schema that breaks it, so one run names all of them.
 */
class ContractLintTest {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    /** The POSTs that move money or commit to it (README: Idempotency-Key on every money-moving POST). */
    private static final Pattern MONEY_MOVING = Pattern.compile(
            "/api/v1/(applications|applications/\\{id}/decision|payouts|payouts/\\{id}/reversal|payout-batches"
                    + "|bank-files|bank-files/\\{id}/results)");

    /**
     * Objects whose keys are not known to the code: an application's details are the evidence keys its
     * project's rules name (editable by an admin, PUT /api/v1/projects/{code}), so they are declared as
     * an open map (additionalProperties: true, at most 20). Each entry must still be open: the test fails
     * on one that is typed now.
     */
    private static final List<String> OPEN_BY_DESIGN = List.of(
            "#/components/schemas/ApplicationView/properties/details",
            "#/components/schemas/NewApplication/properties/details");

    private static JsonObject doc() {
        return Contract.json();
    }

    /** Calls {@code each} with "METHOD path" and the operation, for every operation of the document. */
    private static void operations(BiConsumer<String, JsonObject> each) {
        doc().getJsonObject("paths").forEach(path -> {
            JsonObject item = (JsonObject) path.getValue();
            for (String method : METHODS) {
                JsonObject operation = item.getJsonObject(method);
                if (operation != null) {
                    each.accept(method.toUpperCase(Locale.ROOT) + " " + path.getKey(), operation);
                }
            }
        });
    }

    private static String path(String operation) {
        return operation.substring(operation.indexOf(' ') + 1);
    }

    private static void none(String rule, List<String> breaking) {
        assertEquals(List.of(), breaking, rule + ": " + breaking.size() + " break it");
    }

    @Test
    void everyOperationHasAUniqueCamelCaseOperationId() {
        List<String> breaking = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        operations((name, operation) -> {
            String id = operation.getString("operationId");
            if (id == null) {
                breaking.add(name + ": no operationId");
            } else if (!CAMEL_CASE.matcher(id).matches()) {
                breaking.add(name + ": " + id + " is not camelCase");
            } else if (seen.putIfAbsent(id, name) != null) {
                breaking.add(name + ": " + id + " is " + seen.get(id) + "'s too");
            }
        });
        none("operation-operationId-unique / operationId camelCase", breaking);
    }

    @Test
    void everyReferenceResolvesInTheDocument() {
        List<String> breaking = new ArrayList<>();
        walk(doc(), "#", (where, node) -> {
            if (node instanceof JsonObject object && object.getValue("$ref") instanceof String ref
                    && resolve(ref) == null) {
                breaking.add(where + ": " + ref);
            }
        });
        none("no-unresolved-refs", breaking);
    }

    @Test
    void everyProblemAnswerIsAProblemOfTheProblemSchema() {
        List<String> breaking = new ArrayList<>();
        operations((name, operation) -> operation.getJsonObject("responses", new JsonObject()).forEach(answer -> {
            if (!(answer.getKey().startsWith("4") || answer.getKey().startsWith("5"))) {
                return;
            }
            JsonObject content = ((JsonObject) answer.getValue()).getJsonObject("content", new JsonObject());
            JsonObject problem = content.getJsonObject("application/problem+json");
            if (content.size() != 1 || problem == null || problem.getJsonObject("schema") == null
                    || !PROBLEM_REF.equals(problem.getJsonObject("schema").getString("$ref"))) {
                breaking.add(name + " " + answer.getKey() + ": " + content.fieldNames());
            }
        }));
        none("problem answers", breaking);
        JsonObject problem = (JsonObject) resolve(PROBLEM_REF);
        assertEquals(Set.of("type", "title", "status", "detail", "instance", "requestId", "violations"),
                problem.getJsonObject("properties").fieldNames());
    }

    @Test
    void everyOperationUnderApiDeclaresTheProblemsEveryRequestCanMeet() {
        List<String> breaking = new ArrayList<>();
        operations((name, operation) -> {
            Set<String> statuses = operation.getJsonObject("responses", new JsonObject()).fieldNames();
            for (String status : List.of("400", "401", "403", "429", "500", "503")) {
                if (!statuses.contains(status)) {
                    breaking.add(name + ": no " + status);
                }
            }
            if (path(name).contains("{") && !statuses.contains("404")) {
                breaking.add(name + ": a path parameter but no 404");
            }
            if (operation.containsKey("requestBody") && !statuses.contains("413")) {
                breaking.add(name + ": a body but no 413");
            }
            if (hasHeader(operation, "If-Match") && !statuses.contains("412")) {
                breaking.add(name + ": If-Match but no 412");
            }
        });
        none("declared problems", breaking);
    }

    @Test
    void noSchemaIsAFreeObjectOrEmptyWhereTheShapeIsKnown() {
        List<String> breaking = new ArrayList<>();
        doc().getJsonObject("components").getJsonObject("schemas", new JsonObject()).forEach(schema ->
                freeObjects("#/components/schemas/" + schema.getKey(), (JsonObject) schema.getValue(), breaking));
        operations((name, operation) -> {
            JsonObject body = operation.getJsonObject("requestBody");
            if (body != null) {
                bodies(name + " request", body.getJsonObject("content", new JsonObject()), breaking);
            }
            operation.getJsonObject("responses", new JsonObject()).forEach(answer -> bodies(name + " " + answer.getKey(),
                    ((JsonObject) answer.getValue()).getJsonObject("content", new JsonObject()), breaking));
        });
        List<String> stale = OPEN_BY_DESIGN.stream().filter(open -> !breaking.remove(open)).toList();
        none("no free-form objects (typed schemas for every body and item)", breaking);
        assertEquals(List.of(), stale, "OPEN_BY_DESIGN names schemas that are no longer open: take them out");
    }

    private static void bodies(String where, JsonObject content, List<String> breaking) {
        content.forEach(media -> {
            JsonObject schema = ((JsonObject) media.getValue()).getJsonObject("schema");
            boolean json = media.getKey().contains("json");
            if (schema == null || schema.isEmpty()) {
                if (json) {
                    breaking.add(where + " " + media.getKey() + ": no schema");
                }
            } else {
                freeObjects(where + " " + media.getKey(), schema, breaking);
            }
        });
    }

    /** An object schema that names no properties and no additionalProperties shape, here or below. */
    private static void freeObjects(String where, JsonObject schema, List<String> breaking) {
        walk(schema, where, (at, node) -> {
            if (node instanceof JsonObject s && isObject(s) && !s.containsKey("properties")
                    && !(s.getValue("additionalProperties") instanceof JsonObject)
                    && !s.containsKey("allOf") && !s.containsKey("oneOf") && !s.containsKey("anyOf") && !s.containsKey("$ref")) {
                breaking.add(at);
            }
        });
    }

    private static boolean isObject(JsonObject schema) {
        Object type = schema.getValue("type");
        return "object".equals(type) || (type instanceof JsonArray types && types.contains("object"));
    }

    @Test
    void everyPathParameterIsDeclaredAndRequired() {
        List<String> breaking = new ArrayList<>();
        doc().getJsonObject("paths").forEach(path -> {
            JsonObject item = (JsonObject) path.getValue();
            Set<String> template = new LinkedHashSet<>();
            Matcher m = TEMPLATE.matcher(path.getKey());
            while (m.find()) {
                template.add(m.group(1));
            }
            for (String method : METHODS) {
                JsonObject operation = item.getJsonObject(method);
                if (operation == null) {
                    continue;
                }
                Set<String> declared = new LinkedHashSet<>();
                for (JsonArray parameters : List.of(item.getJsonArray("parameters", new JsonArray()),
                        operation.getJsonArray("parameters", new JsonArray()))) {
                    for (Object p : parameters) {
                        JsonObject parameter = (JsonObject) p;
                        if (parameter.containsKey("$ref")) {
                            parameter = (JsonObject) resolve(parameter.getString("$ref"));
                        }
                        if ("path".equals(parameter.getString("in"))) {
                            declared.add(parameter.getString("name"));
                            if (!Boolean.TRUE.equals(parameter.getBoolean("required"))) {
                                breaking.add(method + " " + path.getKey() + ": " + parameter.getString("name") + " not required");
                            }
                        }
                    }
                }
                if (!declared.equals(template)) {
                    breaking.add(method + " " + path.getKey() + ": declares " + declared + ", the path has " + template);
                }
            }
        });
        none("path-params", breaking);
    }

    @Test
    void theBearerSchemeHasNoScopesAndEveryOperationNamesItsRoles() {
        List<String> breaking = new ArrayList<>();
        JsonObject schemes = doc().getJsonObject("components").getJsonObject("securitySchemes", new JsonObject());
        assertFalse(schemes.isEmpty(), "no security scheme");
        schemes.forEach(scheme -> {
            JsonObject s = (JsonObject) scheme.getValue();
            if (!"http".equals(s.getString("type")) || !"bearer".equals(s.getString("scheme"))) {
                breaking.add(scheme.getKey() + ": " + s.getString("type") + " " + s.getString("scheme"));
            }
        });
        operations((name, operation) -> {
            JsonArray security = operation.getJsonArray("security", doc().getJsonArray("security"));
            if (security == null || security.isEmpty()) {
                breaking.add(name + ": no security");
                return;
            }
            for (Object requirement : security) {
                ((JsonObject) requirement).forEach(entry -> {
                    if (!schemes.containsKey(entry.getKey())) {
                        breaking.add(name + ": unknown scheme " + entry.getKey());
                    }
                    if (!((JsonArray) entry.getValue()).isEmpty()) {
                        breaking.add(name + ": scopes " + entry.getValue() + " on a bearer scheme");
                    }
                });
            }
            if (operation.getJsonArray("x-roles", new JsonArray()).isEmpty()) {
                breaking.add(name + ": no x-roles");
            }
        });
        none("bearer without scopes, roles in x-roles", breaking);
    }

    @Test
    void theServersAreTheGateways() {
        JsonArray servers = doc().getJsonArray("servers", new JsonArray());
        assertEquals(1, servers.size(), servers.encode());
        assertEquals("http://localhost:8080", servers.getJsonObject(0).getString("url"));
    }

    @Test
    void everyTagOfAnOperationIsDefinedOnceWithADescription() {
        List<String> breaking = new ArrayList<>();
        Set<String> defined = new LinkedHashSet<>();
        for (Object tag : doc().getJsonArray("tags", new JsonArray())) {
            JsonObject t = (JsonObject) tag;
            if (!defined.add(t.getString("name"))) {
                breaking.add("tag " + t.getString("name") + " twice");
            }
        }
        operations((name, operation) -> {
            JsonArray tags = operation.getJsonArray("tags", new JsonArray());
            if (tags.isEmpty()) {
                breaking.add(name + ": no tag");
            }
            for (Object tag : tags) {
                if (!defined.contains(tag)) {
                    breaking.add(name + ": tag " + tag + " not defined");
                }
            }
        });
        none("operation-tag-defined", breaking);
    }

    @Test
    void everyMoneyMovingPostTakesAnIdempotencyKeyAndSaysWhenItReplayed() {
        List<String> breaking = new ArrayList<>();
        List<String> found = new ArrayList<>();
        operations((name, operation) -> {
            if (!name.startsWith("POST ") || !MONEY_MOVING.matcher(path(name)).matches()) {
                return;
            }
            found.add(name);
            JsonObject key = header(operation, "Idempotency-Key");
            if (key == null) {
                breaking.add(name + ": no Idempotency-Key");
                return;
            }
            if (!Integer.valueOf(200).equals(key.getJsonObject("schema", new JsonObject()).getInteger("maxLength"))) {
                breaking.add(name + ": Idempotency-Key without maxLength 200");
            }
            operation.getJsonObject("responses").forEach(answer -> {
                if (answer.getKey().startsWith("2") && !((JsonObject) answer.getValue())
                        .getJsonObject("headers", new JsonObject()).containsKey("Idempotency-Replayed")) {
                    breaking.add(name + " " + answer.getKey() + ": no Idempotency-Replayed header");
                }
            });
        });
        assertEquals(7, found.size(), "money-moving POSTs found: " + found);
        none("Idempotency-Key", breaking);
    }

    @Test
    void everyExampleFitsItsSchema() {
        List<String> breaking = new ArrayList<>();
        walk(doc(), "#", (where, node) -> {
            if (!(node instanceof JsonObject schema) || where.endsWith("/properties") || !schema.containsKey("type")) {
                return;
            }
            List<Object> examples = new ArrayList<>();
            if (schema.containsKey("example")) {
                examples.add(schema.getValue("example"));
            }
            if (schema.getValue("examples") instanceof JsonArray many) {
                many.forEach(examples::add);
            }
            for (Object example : examples) {
                String wrong = Examples.misfit(schema, example);
                if (wrong != null) {
                    breaking.add(where + ": " + wrong);
                }
            }
            if (schema.getValue("enum") instanceof JsonArray values) {
                for (Object value : values) {
                    String wrong = Examples.misfit(new JsonObject().put("type", schema.getValue("type")), value);
                    if (wrong != null) {
                        breaking.add(where + " enum: " + wrong);
                    }
                }
            }
        });
        none("oas3-valid-schema-example / no-enum-type-mismatch", breaking);
    }

    @Test
    void pathsAreDistinctWithoutTrailingSlashQueryOrDuplicateParameters() {
        List<String> breaking = new ArrayList<>();
        Map<String, String> shapes = new HashMap<>();
        doc().getJsonObject("paths").forEach(path -> {
            String p = path.getKey();
            if (p.length() > 1 && p.endsWith("/")) {
                breaking.add(p + ": trailing slash");
            }
            if (p.contains("?")) {
                breaking.add(p + ": a query in the path");
            }
            String shape = TEMPLATE.matcher(p).replaceAll("{}");
            String other = shapes.putIfAbsent(shape, p);
            if (other != null) {
                breaking.add(p + ": the same path as " + other);
            }
        });
        operations((name, operation) -> {
            Set<String> seen = new LinkedHashSet<>();
            for (Object p : operation.getJsonArray("parameters", new JsonArray())) {
                JsonObject parameter = (JsonObject) p;
                if (!seen.add(parameter.getString("in") + ":" + parameter.getString("name"))) {
                    breaking.add(name + ": parameter " + parameter.getString("name") + " twice");
                }
            }
            if (operation.getJsonObject("responses", new JsonObject()).fieldNames().stream().noneMatch(s -> s.startsWith("2")
                    || s.equals("304"))) {
                breaking.add(name + ": no success answer");
            }
        });
        none("no-identical-paths / no-path-trailing-slash / path-not-include-query / operation-parameters-unique", breaking);
    }

    @Test
    void noDescriptionCarriesScriptOrEval() {
        List<String> breaking = new ArrayList<>();
        walk(doc(), "#", (where, node) -> {
            if ((where.endsWith("/description") || where.endsWith("/summary")) && node instanceof String text) {
                String lower = text.toLowerCase(Locale.ROOT);
                if (lower.contains("<script") || lower.contains("eval(")) {
                    breaking.add(where);
                }
            }
        });
        none("no-script-tags-in-markdown / no-eval-in-markdown", breaking);
    }

    private static boolean hasHeader(JsonObject operation, String name) {
        return header(operation, name) != null;
    }

    private static JsonObject header(JsonObject operation, String name) {
        for (Object p : operation.getJsonArray("parameters", new JsonArray())) {
            JsonObject parameter = (JsonObject) p;
            if ("header".equals(parameter.getString("in")) && name.equalsIgnoreCase(parameter.getString("name"))) {
                return parameter;
            }
        }
        return null;
    }

    /** The node a local reference (#/a/b) points at, or null. */
    private static Object resolve(String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        Object node = doc();
        for (String part : ref.substring(2).split("/")) {
            String key = part.replace("~1", "/").replace("~0", "~");
            if (!(node instanceof JsonObject object) || !object.containsKey(key)) {
                return null;
            }
            node = object.getValue(key);
        }
        return node;
    }

    private static void walk(Object node, String where, BiConsumer<String, Object> visit) {
        visit.accept(where, node);
        if (node instanceof JsonObject object) {
            object.forEach(e -> walk(e.getValue(), where + "/" + e.getKey(), visit));
        } else if (node instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                walk(array.getValue(i), where + "/" + i, visit);
            }
        }
    }
}
