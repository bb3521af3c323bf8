package org.unionaid.gateway.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.concurrent.ThreadLocalRandom;

/**
 * First stop of every request: keeps a sane X-Request-Id or makes one, answers it, passes it
 * upstream (it stays in the request headers the proxy copies) and puts it in the log MDC.
 */
@ApplicationScoped
public class RequestIdHandler {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    static final int ORDER = Integer.MIN_VALUE + 10;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(rc -> {
            String given = rc.request().getHeader(HEADER);
            String id = safe(given) ? given : newId();
            if (!id.equals(given)) {
                rc.request().headers().set(HEADER, id);
            }
            rc.response().putHeader(HEADER, id);
            MDC.put(MDC_KEY, id);
            rc.next();
        });
    }

    /** 1 to 128 of [A-Za-z0-9._:-]: nothing that could forge a log line or a header. */
    static boolean safe(String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A random 128-bit id; not a secret, so a fast generator will do. */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }
}
