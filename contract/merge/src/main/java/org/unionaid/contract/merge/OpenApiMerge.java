package org.unionaid.contract.merge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The services' OpenAPI documents merged into the one the gateway serves (and the contract module
 * checks): their paths but the feeds (the gateway does not route them), components, tags and
 * security; {@code servers} the gateway's public URL. A component two services define differently
 * is kept under both names: the later service's one is renamed ({@code Decision} of disbursement
 * becomes {@code DisbursementDecision}) and its references follow, so no operation points at
 * another service's shape. Components no operation reaches (the feeds' items) are left out. An
 * operationId a second service uses again, or a path two services serve, is reported in
 * {@link Merged#conflicts()} (the contract build fails on it; the gateway logs it).
 */
public final class OpenApiMerge {

    public static final String FEED_PREFIX = "/api/v1/feed";
    static final String PROBLEM = "Problem";
    /** What the gateway itself answers on any route it forwards (gateway/README.md). */
    static final Map<String, String> GATEWAY_PROBLEMS = Map.of(
            "502", "The gateway got no usable answer from the service (problem upstream-failed)",
            "504", "The service did not answer in time (problem upstream-timeout)");
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One service's document, under the service's name (registry, disbursement, reporting). */
    public record Source(String name, JsonObject document) {
    }

    /** The merged document, the components renamed (old name -> new, by service) and what does not fit. */
    public record Merged(JsonObject document, List<String> renamed, List<String> conflicts) {
    }

    private OpenApiMerge() {
    }

    /**
     * @param missing the services whose document could not be had (named in {@code x-unavailable})
     * @param server  where clients reach the API (the gateway's public URL, or "/" for the origin of the document)
     */
    public static Merged merge(List<Source> sources, List<String> missing, String server) {
        String version = sources.isEmpty() ? "3.1.0" : sources.get(0).document().getString("openapi", "3.1.0");
        JsonObject merged = new JsonObject()
                .put("openapi", version)
                .put("info", new JsonObject()
                        .put("title", "union-aid API")
                        .put("version", "1.0.0")
                        .put("description", "Everything the gateway serves: the aid registry, disbursement and reporting "
                                + "services. Errors are RFC 9457 problems (application/problem+json, schema Problem); "
                                + "each operation names the roles it allows in x-roles."))
                .put("servers", new JsonArray().add(new JsonObject().put("url", server)
                        .put("description", "The gateway: the one origin of web and mobile frontends")));
        JsonObject paths = new JsonObject();
        JsonObject components = new JsonObject();
        JsonArray tags = new JsonArray();
        Set<String> tagNames = new LinkedHashSet<>();
        Map<String, String> operationIds = new HashMap<>();
        Map<String, String> pathOwners = new HashMap<>();
        List<String> renamed = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (Source source : sources) {
            JsonObject document = renameConflicting(source, components, renamed);
            document.getJsonObject("paths", new JsonObject()).forEach(path -> {
                if (path.getKey().startsWith(FEED_PREFIX)) {
                    return;
                }
                String owner = pathOwners.putIfAbsent(path.getKey(), source.name());
                if (owner != null) {
                    conflicts.add("path " + path.getKey() + " of " + source.name() + " is served by " + owner + " already");
                    return;
                }
                paths.put(path.getKey(), path.getValue());
                if (path.getValue() instanceof JsonObject item) {
                    for (String method : METHODS) {
                        JsonObject operation = item.getJsonObject(method);
                        String id = operation == null ? null : operation.getString("operationId");
                        if (id != null) {
                            String first = operationIds.putIfAbsent(id, source.name() + " " + method.toUpperCase(Locale.ROOT)
                                    + " " + path.getKey());
                            if (first != null) {
                                conflicts.add("operationId " + id + " of " + source.name() + " " + method.toUpperCase(Locale.ROOT)
                                        + " " + path.getKey() + " is taken by " + first);
                            }
                        }
                    }
                }
            });
            document.getJsonObject("components", new JsonObject()).forEach(kind -> {
                if (kind.getValue() instanceof JsonObject entries) {
                    JsonObject into = components.getJsonObject(kind.getKey(), new JsonObject());
                    entries.forEach(entry -> into.getMap().putIfAbsent(entry.getKey(), entry.getValue()));
                    components.put(kind.getKey(), into);
                }
            });
            for (Object tag : document.getJsonArray("tags", new JsonArray())) {
                if (tag instanceof JsonObject named && tagNames.add(named.getString("name"))) {
                    tags.add(named);
                }
            }
            if (!merged.containsKey("security") && document.containsKey("security")) {
                merged.put("security", document.getValue("security"));
            }
        }
        merged.put("tags", tags).put("paths", paths).put("components", components);
        if (components.getJsonObject("schemas", new JsonObject()).containsKey(PROBLEM)) {
            gatewayProblems(paths);
        }
        withoutUnreachableComponents(merged);
        if (!missing.isEmpty()) {
            merged.put("x-unavailable", new JsonArray(new ArrayList<>(missing)));
        }
        return new Merged(merged, renamed, conflicts);
    }

    private static void gatewayProblems(JsonObject paths) {
        paths.forEach(path -> {
            if (!(path.getValue() instanceof JsonObject item)) {
                return;
            }
            for (String method : METHODS) {
                JsonObject operation = item.getJsonObject(method);
                if (operation == null) {
                    continue;
                }
                JsonObject responses = operation.getJsonObject("responses");
                if (responses == null) {
                    responses = new JsonObject();
                    operation.put("responses", responses);
                }
                for (Map.Entry<String, String> problem : GATEWAY_PROBLEMS.entrySet()) {
                    if (!responses.containsKey(problem.getKey())) {
                        responses.put(problem.getKey(), new JsonObject().put("description", problem.getValue())
                                .put("content", new JsonObject().put("application/problem+json", new JsonObject()
                                        .put("schema", new JsonObject().put("$ref", "#/components/schemas/" + PROBLEM)))));
                    }
                }
            }
        });
    }

    /**
     * A copy of the source's document in which each component that the merge holds already with
     * another definition has the service's name before its own, and every reference to it too.
     * Repeated until nothing changes: renaming one component changes the ones that point at it.
     */
    private static JsonObject renameConflicting(Source source, JsonObject merged, List<String> renamed) {
        JsonObject document = source.document().copy();
        String prefix = source.name().substring(0, 1).toUpperCase(Locale.ROOT) + source.name().substring(1);
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<String, String> refs = new LinkedHashMap<>();
            JsonObject components = document.getJsonObject("components", new JsonObject());
            for (String kind : components.fieldNames()) {
                if (!(components.getValue(kind) instanceof JsonObject entries)) {
                    continue;
                }
                JsonObject known = merged.getJsonObject(kind, new JsonObject());
                for (String name : new ArrayList<>(entries.fieldNames())) {
                    Object theirs = known.getValue(name);
                    if (theirs != null && !theirs.equals(entries.getValue(name))) {
                        String fresh = prefix + name;
                        while (entries.containsKey(fresh) || known.containsKey(fresh)) {
                            fresh = prefix + fresh;
                        }
                        entries.put(fresh, entries.remove(name));
                        refs.put("#/components/" + kind + "/" + name, "#/components/" + kind + "/" + fresh);
                        renamed.add(source.name() + " " + kind + " " + name + " -> " + fresh);
                    }
                }
            }
            if (!refs.isEmpty()) {
                rewriteRefs(document, refs);
                changed = true;
            }
        }
        return document;
    }

    private static void rewriteRefs(Object node, Map<String, String> refs) {
        if (node instanceof JsonObject object) {
            for (String key : object.fieldNames()) {
                Object value = object.getValue(key);
                if (key.equals("$ref") && value instanceof String ref && refs.containsKey(ref)) {
                    object.put(key, refs.get(ref));
                } else {
                    rewriteRefs(value, refs);
                }
            }
        } else if (node instanceof JsonArray array) {
            for (Object value : array) {
                rewriteRefs(value, refs);
            }
        }
    }

    /** Keeps the components reachable from the paths (and every security scheme). */
    private static void withoutUnreachableComponents(JsonObject document) {
        JsonObject components = document.getJsonObject("components");
        Set<String> reached = new LinkedHashSet<>();
        List<Object> todo = new ArrayList<>(List.of(document.getJsonObject("paths")));
        while (!todo.isEmpty()) {
            Object node = todo.remove(todo.size() - 1);
            if (node instanceof JsonObject object) {
                for (String key : object.fieldNames()) {
                    Object value = object.getValue(key);
                    if (key.equals("$ref") && value instanceof String ref && ref.startsWith("#/components/")
                            && reached.add(ref)) {
                        String[] parts = ref.substring("#/components/".length()).split("/", 2);
                        JsonObject kind = components.getJsonObject(parts[0]);
                        if (parts.length == 2 && kind != null && kind.getValue(parts[1]) != null) {
                            todo.add(kind.getValue(parts[1]));
                        }
                    } else {
                        todo.add(value);
                    }
                }
            } else if (node instanceof JsonArray array) {
                array.forEach(todo::add);
            }
        }
        for (String kind : new ArrayList<>(components.fieldNames())) {
            if (kind.equals("securitySchemes") || !(components.getValue(kind) instanceof JsonObject entries)) {
                continue;
            }
            entries.fieldNames().removeIf(name -> !reached.contains("#/components/" + kind + "/" + name));
            if (entries.isEmpty()) {
                components.remove(kind);
            }
        }
    }
}
