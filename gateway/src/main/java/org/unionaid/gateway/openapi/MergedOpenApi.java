package org.unionaid.gateway.openapi;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.unionaid.gateway.config.GatewayConfig;
import org.unionaid.gateway.proxy.Upstream;
import org.unionaid.gateway.proxy.Upstreams;

import java.util.ArrayList;
import java.util.List;

/**
 * /q/openapi: the three services' documents merged into one (paths, components, tags), with
 * the feeds left out since the gateway does not serve them. Served as JSON, which is also
 * valid YAML; kept for a while once every service has answered.
 */
@ApplicationScoped
public class MergedOpenApi {

    private static final long FETCH_TIMEOUT_MILLIS = 5_000;
    private static final String FEED_PREFIX = "/api/v1/feed";

    private final Upstreams upstreams;
    private final long cacheMillis;
    private volatile Buffer cached;
    private volatile long cachedUntil;

    MergedOpenApi(Upstreams upstreams, GatewayConfig config) {
        this.upstreams = upstreams;
        this.cacheMillis = config.openapi().cacheFor().toMillis();
    }

    void install(@Observes Router router) {
        router.get("/q/openapi").handler(rc -> document().onComplete(done -> {
            if (done.succeeded()) {
                rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(done.result());
            } else {
                rc.fail(done.cause());
            }
        }));
    }

    Future<Buffer> document() {
        Buffer known = cached;
        if (known != null && System.currentTimeMillis() < cachedUntil) {
            return Future.succeededFuture(known);
        }
        List<Future<JsonObject>> fetches = new ArrayList<>();
        for (Upstream upstream : upstreams.all()) {
            fetches.add(fetch(upstream).otherwise(failure -> {
                Log.warnf("No OpenAPI document from %s: %s", upstream.name(), failure.toString());
                return null;
            }));
        }
        return Future.join(fetches).map(all -> {
            List<Upstream> missing = new ArrayList<>();
            List<JsonObject> documents = new ArrayList<>();
            for (int i = 0; i < fetches.size(); i++) {
                JsonObject document = fetches.get(i).result();
                if (document == null) {
                    missing.add(upstreams.all().get(i));
                } else {
                    documents.add(document);
                }
            }
            Buffer merged = merge(documents, missing).toBuffer();
            if (missing.isEmpty()) {
                cached = merged;
                cachedUntil = System.currentTimeMillis() + cacheMillis;
            }
            return merged;
        });
    }

    private Future<JsonObject> fetch(Upstream upstream) {
        return upstreams.client()
                .request(upstream.request(HttpMethod.GET, "/q/openapi?format=json").setTimeout(FETCH_TIMEOUT_MILLIS))
                .compose(request -> request.putHeader(HttpHeaders.ACCEPT, "application/json").send())
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture("status " + response.statusCode()))
                .map(Buffer::toJsonObject);
    }

    static JsonObject merge(List<JsonObject> documents, List<Upstream> missing) {
        JsonObject merged = new JsonObject()
                .put("openapi", documents.isEmpty() ? "3.0.3" : documents.get(0).getString("openapi", "3.0.3"))
                .put("info", new JsonObject()
                        .put("title", "union-aid API")
                        .put("version", "1.0.0")
                        .put("description", "Everything the gateway serves: the aid registry, disbursement and reporting services."));
        JsonObject paths = new JsonObject();
        JsonObject components = new JsonObject();
        JsonArray tags = new JsonArray();
        List<String> tagNames = new ArrayList<>();
        for (JsonObject document : documents) {
            document.getJsonObject("paths", new JsonObject()).forEach(path -> {
                if (!path.getKey().startsWith(FEED_PREFIX) && !paths.containsKey(path.getKey())) {
                    paths.put(path.getKey(), path.getValue());
                }
            });
            document.getJsonObject("components", new JsonObject()).forEach(kind -> {
                if (kind.getValue() instanceof JsonObject entries) {
                    JsonObject into = components.getJsonObject(kind.getKey(), new JsonObject());
                    entries.forEach(entry -> {
                        Object known = into.getValue(entry.getKey());
                        if (known == null) {
                            into.put(entry.getKey(), entry.getValue());
                        } else if (!known.equals(entry.getValue())) {
                            Log.warnf("Two services define %s %s differently; the merged document keeps the first",
                                    kind.getKey(), entry.getKey());
                        }
                    });
                    components.put(kind.getKey(), into);
                }
            });
            for (Object tag : document.getJsonArray("tags", new JsonArray())) {
                if (tag instanceof JsonObject named && !tagNames.contains(named.getString("name"))) {
                    tagNames.add(named.getString("name"));
                    tags.add(named);
                }
            }
            if (!merged.containsKey("security") && document.containsKey("security")) {
                merged.put("security", document.getValue("security"));
            }
        }
        merged.put("tags", tags).put("paths", paths).put("components", components);
        if (!missing.isEmpty()) {
            merged.put("x-unavailable", new JsonArray(missing.stream().map(Upstream::name).toList()));
        }
        return merged;
    }
}
