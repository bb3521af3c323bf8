package org.unionaid.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A service's OpenAPI document (its /q/openapi) and the contract rules every service keeps (issue 16): each problem
 * found is a line naming the operation or schema, so that a test asserts an empty list and a failure says what broke.
 */
public final class OpenApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head");

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    public static OpenApiDocument of(String json) {
        try {
            return new OpenApiDocument(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON document", e);
        }
    }

    /**
     * The document the application under test serves ({@code /q/openapi} as JSON, at the {@code test.url} of a
     * {@code @QuarkusTest}); fails unless it answers 200.
     */
    public static OpenApiDocument served() {
        URI uri = URI.create(ConfigProvider.getConfig().getValue("test.url", String.class).replaceAll("/$", "")
                + "/q/openapi?format=json");
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("GET " + uri + " answered " + answer.statusCode());
            }
            return of(answer.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading " + uri, e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** Every operation as "METHOD path". */
    public Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>();
        root.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
            }
        }));
        return operations;
    }

    /** A component schema; fails when there is none of that name. */
    public JsonNode schema(String name) {
        JsonNode schema = root.at("/components/schemas/" + name);
        if (schema.isMissingNode()) {
            throw new AssertionError("no schema " + name);
        }
        return schema;
    }

    /** The component a {@code $ref} names; empty when the schema is no reference. */
    public static String refName(JsonNode schema) {
        return schema.path("$ref").asText("").replace("#/components/schemas/", "");
    }

    public Set<String> operationIds() {
        Set<String> ids = new HashSet<>();
        operations().values().forEach(op -> ids.add(op.path("operationId").asText("")));
        return ids;
    }

    /** Operations without a unique camelCase operationId, a summary, or tags the document describes. */
    public List<String> unnamedOperations() {
        Set<String> described = new HashSet<>();
        root.path("tags").forEach(tag -> {
            if (!tag.path("description").asText("").isBlank()) {
                described.add(tag.get("name").asText());
            }
        });
        Set<String> ids = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        operations().forEach((name, op) -> {
            String id = op.path("operationId").asText("");
            if (!id.matches("^[a-z][A-Za-z0-9]+$") || !ids.add(id)) {
                wrong.add(name + ": operationId '" + id + "'");
            }
            if (op.path("summary").asText("").isBlank()) {
                wrong.add(name + ": no summary");
            }
            if (op.path("tags").isEmpty()) {
                wrong.add(name + ": no tag");
            }
            op.path("tags").forEach(tag -> {
                if (!described.contains(tag.asText())) {
                    wrong.add(name + ": tag " + tag + " not described");
                }
            });
        });
        return wrong;
    }

    /** 2xx answers without content, JSON answers that are no named schema with properties (or allOf), other media not bytes. */
    public List<String> untypedAnswers() {
        List<String> untyped = new ArrayList<>();
        operations().forEach((name, op) -> op.get("responses").fields().forEachRemaining(answer -> {
            if (!answer.getKey().startsWith("2")) {
                return;
            }
            JsonNode content = answer.getValue().path("content");
            if (content.isEmpty()) {
                untyped.add(name + " " + answer.getKey() + " declares no content");
            }
            content.fields().forEachRemaining(media -> {
                JsonNode schema = media.getValue().path("schema");
                if (media.getKey().contains("json")) {
                    String ref = refName(schema);
                    JsonNode named = ref.isEmpty() ? null : root.at("/components/schemas/" + ref);
                    if (named == null || !(named.path("properties").isObject() || named.has("allOf"))) {
                        untyped.add(name + " " + answer.getKey() + " " + media.getKey() + ": " + schema);
                    }
                } else if (!"binary".equals(schema.path("format").asText())) {
                    untyped.add(name + " " + media.getKey() + " is not declared as bytes: " + schema);
                }
            });
        }));
        return untyped;
    }

    /** Properties of no type, or of type object with no shape, outside the schemas that hold any value on purpose. */
    public List<String> freeObjects(Set<String> anyValueOnPurpose) {
        List<String> free = new ArrayList<>();
        root.at("/components/schemas").fields().forEachRemaining(schema -> schema.getValue().path("properties")
                .fields().forEachRemaining(property -> {
                    JsonNode p = property.getValue();
                    boolean typed = p.has("$ref") || p.has("enum") || p.has("additionalProperties") || p.has("properties")
                            || (p.has("type") && !"object".equals(p.get("type").asText()));
                    if (!typed && !anyValueOnPurpose.contains(schema.getKey())) {
                        free.add(schema.getKey() + "." + property.getKey() + ": " + p);
                    }
                    if (p.has("$ref") && "array".equals(p.path("type").asText())) {
                        free.add(schema.getKey() + "." + property.getKey() + " is an array and a $ref: " + p);
                    }
                }));
        return free;
    }

    /** The keyset-paged lists: operations but the feeds that take a limit. */
    public Set<String> pagedLists() {
        Set<String> lists = new java.util.TreeSet<>();
        operations().forEach((name, op) -> {
            if (limitOf(op) != null && !name.contains("/feed/")) {
                lists.add(name);
            }
        });
        return lists;
    }

    /** Paged lists whose limit is not an integer 1..200 or whose answer is not {items: [a named type], nextCursor}. */
    public List<String> badlyPagedLists() {
        List<String> wrong = new ArrayList<>();
        for (String name : pagedLists()) {
            JsonNode op = operations().get(name);
            JsonNode limit = limitOf(op).path("schema");
            if (!"integer".equals(limit.path("type").asText()) || limit.path("minimum").asInt() != 1
                    || limit.path("maximum").asInt() != 200) {
                wrong.add(name + ": limit " + limit);
            }
            String page = refName(op.at("/responses/200/content/application~1json/schema"));
            JsonNode items = page.isEmpty() ? null : root.at("/components/schemas/" + page + "/properties");
            if (items == null || !"array".equals(items.at("/items/type").asText()) || refName(items.at("/items/items")).isEmpty()
                    || !"string".equals(items.at("/nextCursor/type").asText())) {
                wrong.add(name + ": answer " + page + " is not {items: [a named type], nextCursor}");
            }
        }
        return wrong;
    }

    private static JsonNode limitOf(JsonNode op) {
        for (JsonNode parameter : op.path("parameters")) {
            if ("limit".equals(parameter.path("name").asText())) {
                return parameter;
            }
        }
        return null;
    }
}
