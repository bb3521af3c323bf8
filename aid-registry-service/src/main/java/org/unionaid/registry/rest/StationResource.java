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
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.BeanParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;
import org.unionaid.common.paging.Page;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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
    @Operation(operationId = "createStation", summary = "Create an aid station")
    @APIResponse(responseCode = "201", description = "The station created",
            headers = @Header(name = "Location", description = "The station's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StationView.class)))
    public Response create(@Valid @NotNull NewStation request, UriInfo uri) {
        StationView created = stations.create(request.entry());
        return org.unionaid.common.web.Links.created(uri, created.code()).entity(created).build();
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ANALYST, ADMIN, SERVICE})
    @Operation(operationId = "listStations", summary = "List aid stations")
    public RestResponse<Page<StationView>> list(
            @QueryParam("parent") @Parameter(description = "The parent station's code: its children only") String parent,
            @BeanParam PageQuery page) {
        return page.answer(stations.list(parent, page.cursor(), page.limit()));
    }

    @GET
    @Path("{code}")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ANALYST, ADMIN, SERVICE})
    @Operation(operationId = "getStation", summary = "Read an aid station")
    public StationView get(@PathParam("code") String code) {
        return stations.find(code).orElseThrow(() -> ProblemException.notFound("Station", code));
    }
}
