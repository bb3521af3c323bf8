package org.unionaid.reporting.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.unionaid.common.client.ServiceCallFilter;
import org.unionaid.reporting.client.FeedItems.EnterprisePage;

/** aid-registry-service's list of enterprises (REGISTRY_URL), keyset-paged: the registry has no enterprise feed. */
@RegisterRestClient(configKey = "registry")
@RegisterProvider(ServiceCallFilter.class)
@Path("/api/v1/enterprises")
@Produces(MediaType.APPLICATION_JSON)
public interface RegistryEnterpriseClient {

    @GET
    EnterprisePage list(@QueryParam("status") String status, @QueryParam("cursor") String cursor,
                        @QueryParam("limit") int limit);
}
