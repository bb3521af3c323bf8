package org.unionaid.common.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;
import org.unionaid.common.problem.Messages;
import org.unionaid.common.problem.Problems;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * First stop of every request: keeps or makes its X-Request-Id (answered on every response,
 * written in every log line through the MDC) and turns away bodies above the limit with a 413 problem. An evidence
 * document's upload ({@code POST /api/v1/<things>/<id>/documents}) may be 10 MiB: above that it is evidence-store's
 * {@code document-too-large}, the answer the upload gives a body that says no length and turns out larger.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern DOCUMENT_UPLOAD = Pattern.compile("/api/v1/[a-z-]+/[^/]+/documents");
    /** The largest evidence document (evidence-store's DocumentChecks.MAX_BYTES). */
    static final long DOCUMENT_BYTES = 10L * 1024 * 1024;

    private final long maxBodyBytes;

    RequestIds(@ConfigProperty(name = "union-aid.max-body-bytes", defaultValue = "1048576") long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(rc -> {
            String given = rc.request().getHeader(HEADER);
            String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
            rc.request().headers().set(HEADER, id);
            rc.response().putHeader(HEADER, id);
            MDC.put(MDC_KEY, id);
            rc.addEndHandler(done -> MDC.remove(MDC_KEY));
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            boolean document = isDocumentUpload(rc);
            if (length != null && tooLong(length, document ? DOCUMENT_BYTES : maxBodyBytes)) {
                Locale locale = rc.request().getHeader("Accept-Language") != null
                        && rc.request().getHeader("Accept-Language").toLowerCase(Locale.ROOT).startsWith("zh")
                        ? Locale.CHINESE : Locale.ENGLISH;
                String code = document ? "document-too-large" : "payload-too-large";
                String detail = document ? Messages.get(locale, code + ".detail", DOCUMENT_BYTES / (1024 * 1024), DOCUMENT_BYTES)
                        : Messages.get(locale, code + ".detail", maxBodyBytes);
                rc.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(Json.encode(Problems.body(413, code, locale, detail, List.of(), rc.request().path())));
                return;
            }
            rc.next();
        });
        // After Quarkus' own limit (quarkus.http.limits.max-body-size, above 10 MiB in the services that take
        // documents), which bounds a body sent in chunks as it arrives: an upload reads its body to 10 MiB + 1 byte
        // itself (and answers the problem above), every other body keeps this class's limit.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(rc -> {
            if (rc.get(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY) != null) {
                if (isDocumentUpload(rc)) {
                    rc.remove(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY);
                } else {
                    rc.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, maxBodyBytes);
                }
            }
            rc.next();
        });
    }

    private static boolean isDocumentUpload(io.vertx.ext.web.RoutingContext rc) {
        return rc.request().method() == HttpMethod.POST && DOCUMENT_UPLOAD.matcher(rc.request().path()).matches();
    }

    private static boolean tooLong(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** The id of the request being served, for calls to other services. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
