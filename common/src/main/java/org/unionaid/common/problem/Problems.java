package org.unionaid.common.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.MDC;
import org.unionaid.common.web.RequestIds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds RFC 9457 problem responses; the one place their shape is defined. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:union-aid:problem:";

    private Problems() {
    }

    public static Response response(ProblemException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Messages.localeOf(headers);
        String detail = Messages.get(locale, e.code() + ".detail", e.args());
        Response.ResponseBuilder builder = Response.status(e.status())
                .type(MEDIA_TYPE)
                .entity(body(e.status(), e.code(), locale, detail, e.violations(), uri == null ? null : uri.getPath()));
        e.headers().forEach(builder::header);
        return builder.build();
    }

    public static Map<String, Object> body(int status, String code, Locale locale, String detail,
                                           List<Violation> violations, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + code);
        String title = Messages.get(locale, code + ".title");
        body.put("title", title != null ? title : Messages.get(locale, "status." + status + ".title"));
        body.put("status", status);
        body.put("detail", detail != null ? detail : body.get("title"));
        if (instance != null) {
            body.put("instance", instance);
        }
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null) {
            body.put("requestId", requestId.toString());
        }
        if (violations != null && !violations.isEmpty()) {
            body.put("violations", violations.stream().map(v -> v.in(locale)).toList());
        }
        return body;
    }
}
