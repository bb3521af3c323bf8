package org.unionaid.registry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.registry.rest.StationDtos.NewStation;
import org.unionaid.registry.service.view.StationViews.StationView;
import org.unionaid.registry.service.StationService;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.ANALYST;
import static org.unionaid.common.security.Roles.CLERK;
import static org.unionaid.common.security.Roles.FINANCE;
import static org.unionaid.common.security.Roles.REVIEWER;
import static org.unionaid.common.security.Roles.SERVICE;

@Path("/api/v1/stations")
@Tag(name = "Aid stations", description = "The tree of aid stations: city aid centre, districts, streets, communities, enterprises")
@Produces(MediaType.APPLICATION_JSON)
public class StationResource {

    private final StationService stations;

    StationResource(StationService stations) {
        this.stations = stations;
    }

    @POST
    @RolesAllowed(ADMIN)
    public Response create(@Valid @NotNull NewStation request, UriInfo uri) {
        StationView created = stations.create(request.entry());
        return org.unionaid.common.web.Links.created(uri, created.code()).entity(created).build();
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ANALYST, ADMIN, SERVICE})
    public Response list(@QueryParam("parent") String parent, @QueryParam("cursor") String cursor,
                         @QueryParam("limit") String limit, UriInfo uri) {
        return Cursors.ok(stations.list(parent, cursor, Cursors.limit(limit)), uri);
    }

    @GET
    @Path("{code}")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ANALYST, ADMIN, SERVICE})
    public StationView get(@PathParam("code") String code) {
        return stations.find(code).orElseThrow(() -> ProblemException.notFound("Station", code));
    }
}
