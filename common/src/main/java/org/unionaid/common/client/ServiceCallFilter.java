package org.unionaid.common.client;

import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import org.unionaid.common.web.RequestIds;

/** Register on REST clients of other services: a service token and the current request id. */
public class ServiceCallFilter implements ClientRequestFilter {

    @Inject
    ServiceTokens tokens;

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle("Authorization", tokens.bearer());
        String id = RequestIds.current();
        if (id != null) {
            request.getHeaders().putSingle(RequestIds.HEADER, id);
        }
    }
}
