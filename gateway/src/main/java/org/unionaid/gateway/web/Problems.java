package org.unionaid.gateway.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * RFC 9457 problems answered by the gateway itself, in the shape every service uses
 * (type, title, status, detail, instance, requestId), in English or Chinese.
 * Built here on plain Vert.x so the gateway needs no REST layer.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:union-aid:problem:";
    private static final int MAX_INSTANCE = 512;

    private Problems() {
    }

    /** Ends the exchange with a problem; the request body, if any, is drained. */
    public static void send(RoutingContext rc, int status, String code, Object... args) {
        HttpServerRequest request = rc.request();
        request.resume();
        rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .end(body(request, status, code, args));
    }

    public static Buffer body(HttpServerRequest request, int status, String code, Object... args) {
        Locale locale = localeOf(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        String title = message(locale, code + ".title");
        if (title == null) {
            title = message(locale, "status." + status + ".title");
        }
        String detail = message(locale, code + ".detail", args);
        JsonObject body = new JsonObject()
                .put("type", TYPE_PREFIX + code)
                .put("title", title)
                .put("status", status)
                .put("detail", detail != null ? detail : title)
                .put("instance", instanceOf(request));
        String requestId = request.getHeader(RequestIdHandler.HEADER);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return body.toBuffer();
    }

    /** The path asked for, cut at 512 characters: a problem for a huge path need not carry it whole. */
    static String instanceOf(HttpServerRequest request) {
        String path = request.path();
        return path == null || path.length() <= MAX_INSTANCE ? path : path.substring(0, MAX_INSTANCE);
    }

    static Locale localeOf(String acceptLanguage) {
        if (acceptLanguage != null) {
            String first = acceptLanguage.trim().toLowerCase(Locale.ROOT);
            if (first.startsWith("zh")) {
                return Locale.CHINESE;
            }
        }
        return Locale.ENGLISH;
    }

    private static String message(Locale locale, String key, Object... args) {
        try {
            String pattern = ResourceBundle.getBundle("problems", locale, Problems.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                    .getString(key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
