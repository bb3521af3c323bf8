package org.unionaid.gateway.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Whatever no route serves is a 404 problem too, like every other error of the gateway. */
@ApplicationScoped
public class NotFoundHandler {

    void install(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE).handler(rc -> Problems.send(rc, 404, "no-route", rc.request().path()));
    }
}
