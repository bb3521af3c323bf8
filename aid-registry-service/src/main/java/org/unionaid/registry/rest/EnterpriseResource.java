package org.unionaid.registry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.common.web.Params;
import org.unionaid.registry.domain.EnterpriseStatus;
import org.unionaid.registry.rest.EnterpriseDtos.EnterprisePatch;
import org.unionaid.registry.service.view.EnterpriseViews.EnterpriseEvent;
import org.unionaid.registry.service.view.EnterpriseViews.EnterpriseView;
import org.unionaid.registry.rest.EnterpriseDtos.NewEnterprise;
import org.unionaid.registry.service.EnterpriseService;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.ANALYST;
import static org.unionaid.common.security.Roles.CLERK;
import static org.unionaid.common.security.Roles.FINANCE;
import static org.unionaid.common.security.Roles.REVIEWER;
import static org.unionaid.common.security.Roles.SERVICE;

@Path("/api/v1/enterprises")
@Tag(name = "Enterprises", description = "Enterprises identified by their unified social credit code")
@Produces(MediaType.APPLICATION_JSON)
public class EnterpriseResource {

    private final EnterpriseService enterprises;
    private final Caller caller;

    EnterpriseResource(EnterpriseService enterprises, Caller caller) {
        this.enterprises = enterprises;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({ADMIN, REVIEWER, CLERK})
    @Operation(operationId = "createEnterprise", summary = "Register an enterprise",
            description = "Only an admin or a reviewer may mark it as a key enterprise (keyEnterprise true); a clerk gets 403 key-enterprise-reserved.")
    @APIResponse(responseCode = "201", description = "The enterprise registered",
            headers = @Header(name = "Location", description = "The enterprise's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnterpriseView.class)))
    public Response create(@Valid @NotNull NewEnterprise request, UriInfo uri) {
        EnterpriseView created = enterprises.create(request.entry(), caller);
        return org.unionaid.common.web.Links.created(uri, created.id())
                .entity(created).build();
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ANALYST, ADMIN, SERVICE})
    @Operation(operationId = "listEnterprises", summary = "List enterprises")
    public RestResponse<Page<EnterpriseView>> list(
            @QueryParam("status") @Parameter(schema = @Schema(implementation = EnterpriseStatus.class)) String status,
            @QueryParam("keyEnterprise") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String key,
            @BeanParam PageQuery page) {
        return page.answer(enterprises.list(Params.enumValue(EnterpriseStatus.class, status, "status"),
                Params.booleanValue(key, "keyEnterprise"), page.cursor(), page.limit()));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ANALYST, ADMIN, SERVICE})
    @Operation(operationId = "getEnterprise", summary = "Read an enterprise")
    public EnterpriseView get(@PathParam("id") long id) {
        return enterprises.find(id).orElseThrow(() -> ProblemException.notFound("Enterprise", id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({ADMIN, REVIEWER})
    @Operation(operationId = "updateEnterprise", summary = "Change an enterprise",
            description = "An admin changes the name and the status, a new status with the day it took effect (statusSince: not in the future, "
                    + "not before the last change; 400 naming it otherwise); an admin or a reviewer the key-enterprise mark "
                    + "(403 enterprise-admin-only for a reviewer's other fields). Each change is an entry of the enterprise's history.")
    public EnterpriseView update(@PathParam("id") long id, @Valid @NotNull EnterprisePatch patch) {
        return enterprises.update(id, patch.changes(), caller).orElseThrow(() -> ProblemException.notFound("Enterprise", id));
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ANALYST, ADMIN})
    @Operation(operationId = "listEnterpriseHistory", summary = "Every change of an enterprise: who, when, the fields before and after")
    public RestResponse<Page<EnterpriseEvent>> history(@PathParam("id") long id, @BeanParam PageQuery page) {
        return page.answer(enterprises.history(id, page.cursor(), page.limit())
                .orElseThrow(() -> ProblemException.notFound("Enterprise", id)));
    }
}
