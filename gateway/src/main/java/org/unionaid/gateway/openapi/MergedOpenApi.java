package org.unionaid.gateway.openapi;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.unionaid.contract.merge.OpenApiMerge;
import org.unionaid.gateway.config.GatewayConfig;
import org.unionaid.gateway.config.PublicBaseUrl;
import org.unionaid.gateway.proxy.Upstream;
import org.unionaid.gateway.proxy.Upstreams;

import java.util.ArrayList;
import java.util.List;

/**
 * /q/openapi: the three services' documents merged into one by {@link OpenApiMerge} (the merge the
 * contract module checks in the build), feeds left out, {@code servers} the public base URL.
 * Served as JSON, which is also valid YAML; kept for a while once every service has answered.
 */
@ApplicationScoped
public class MergedOpenApi {

    private static final long FETCH_TIMEOUT_MILLIS = 5_000;

    private final Upstreams upstreams;
    private final long cacheMillis;
    private final String server;
    private volatile Buffer cached;
    private volatile long cachedUntil;

    MergedOpenApi(Upstreams upstreams, GatewayConfig config,
                  @ConfigProperty(name = "union-aid.public-base-url") String publicBaseUrl) {
        this.upstreams = upstreams;
        this.cacheMillis = config.openapi().cacheFor().toMillis();
        this.server = PublicBaseUrl.of(publicBaseUrl).origin();
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
            List<Upstream> answered = new ArrayList<>();
            List<JsonObject> documents = new ArrayList<>();
            for (int i = 0; i < fetches.size(); i++) {
                JsonObject document = fetches.get(i).result();
                if (document == null) {
                    missing.add(upstreams.all().get(i));
                } else {
                    answered.add(upstreams.all().get(i));
                    documents.add(document);
                }
            }
            Buffer merged = merge(answered, documents, missing).toBuffer();
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

    /** The services' documents in {@link OpenApiMerge}'s one merge; {@code servers} the public base URL. */
    JsonObject merge(List<Upstream> answered, List<JsonObject> documents, List<Upstream> missing) {
        List<OpenApiMerge.Source> sources = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            sources.add(new OpenApiMerge.Source(answered.get(i).name(), documents.get(i)));
        }
        OpenApiMerge.Merged merged = OpenApiMerge.merge(sources, missing.stream().map(Upstream::name).toList(), server);
        merged.conflicts().forEach(conflict -> Log.warnf("Merged OpenAPI: %s", conflict));
        return merged.document();
    }
}
