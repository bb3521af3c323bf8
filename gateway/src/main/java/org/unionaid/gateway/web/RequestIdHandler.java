package org.unionaid.gateway.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * First stop of every request: keeps a sane X-Request-Id or makes one, answers it, passes it
 * upstream (it stays in the request headers the proxy copies) and puts it in the log MDC.
 */
@ApplicationScoped
public class RequestIdHandler {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    static final int ORDER = Integer.MIN_VALUE + 10;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(rc -> {
            String given = rc.request().getHeader(HEADER);
            String id = given != null && SAFE.matcher(given).matches() ? given : newId();
            if (!id.equals(given)) {
                rc.request().headers().set(HEADER, id);
            }
            rc.response().putHeader(HEADER, id);
            MDC.put(MDC_KEY, id);
            rc.next();
        });
    }

    /** A random 128-bit id; not a secret, so a fast generator will do. */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }
}
