package org.unionaid.common.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Puts the request id into the MDC of the thread that runs the resource method. */
public class RequestIdMdcFilter {

    @ServerRequestFilter(preMatching = true)
    public void remember(ContainerRequestContext request) {
        String id = request.getHeaderString(RequestIds.HEADER);
        if (id != null) {
            MDC.put(RequestIds.MDC_KEY, id);
        }
    }
}
