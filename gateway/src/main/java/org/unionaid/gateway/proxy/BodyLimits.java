package org.unionaid.gateway.proxy;

import io.vertx.core.http.HttpMethod;

import java.util.regex.Pattern;

/**
 * How large a request body may be: an evidence document's upload (POST /api/v1/workers/{id}/documents and
 * /api/v1/applications/{id}/documents) takes up to 10 MiB, as the services do; every other body keeps the configured
 * limit (union-aid.gateway.max-body-bytes, 1 MiB).
 */
final class BodyLimits {

    /** The largest evidence document (evidence-store's DocumentChecks.MAX_BYTES). */
    static final long DOCUMENT_BYTES = 10L * 1024 * 1024;
    private static final Pattern DOCUMENT_UPLOAD = Pattern.compile("/api/v1/(workers|applications)/[^/]+/documents");

    private BodyLimits() {
    }

    static long of(HttpMethod method, String path, long configured) {
        return method == HttpMethod.POST && path != null && DOCUMENT_UPLOAD.matcher(path).matches()
                ? Math.max(DOCUMENT_BYTES, configured) : configured;
    }
}
