package org.unionaid.registry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.common.web.Links;
import org.unionaid.documents.DocumentChecks;
import org.unionaid.documents.DocumentKind;
import org.unionaid.documents.DocumentView;
import org.unionaid.registry.domain.FileDocument;
import org.unionaid.registry.service.FileDocuments;
import org.unionaid.registry.service.StationScope;

import java.io.InputStream;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.CLERK;
import static org.unionaid.common.security.Roles.FINANCE;
import static org.unionaid.common.security.Roles.REVIEWER;

@Path("/api/v1/workers/{id}/documents")
@Tag(name = "Hardship files")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    private final FileDocuments documents;
    private final Caller caller;
    private final StationScope scope;

    DocumentResource(FileDocuments documents, Caller caller, StationScope scope) {
        this.documents = documents;
        this.caller = caller;
        this.scope = scope;
    }

    private static DocumentView view(FileDocument d) {
        return DocumentView.of(d.id(), d.stored(), d.uploadedBy(), d.uploadedAt());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({CLERK, REVIEWER})
    @Operation(operationId = "addWorkerDocument", summary = "Attach an evidence document to a file",
            description = DocumentView.UPLOAD_RULES + " Clerks of the file's station (or above) and"
                    + " reviewers; a file they may not see is 404.")
    @RequestBody(required = true, description = "The document's bytes", content = {
            @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "201", description = "The document stored",
            headers = @Header(name = "Location", description = "The document's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentView.class)))
    public Response add(@PathParam("id") long id,
                        @HeaderParam(DocumentKind.HEADER) @Parameter(required = true, description = "What the document proves",
                                schema = @Schema(implementation = DocumentKind.class)) String kind,
                        @HeaderParam(HttpHeaders.CONTENT_TYPE) @Parameter(hidden = true) String contentType, InputStream body,
                        @Context UriInfo uri) {
        DocumentKind parsed = DocumentKind.fromHeader(kind);
        FileDocument added = documents.add(id, parsed, contentType, DocumentChecks.readBody(body), caller, scope);
        return Links.created(uri, added.id()).entity(view(added)).build();
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(operationId = "listWorkerDocuments", summary = "List a file's evidence documents", description = "By id, keyset-paged; what they are, not their"
            + " content. Each page read is a row DOCUMENT of the file's access log.")
    public RestResponse<Page<DocumentView>> list(@PathParam("id") long id, @BeanParam PageQuery page) {
        return page.answer(documents.list(id, page.cursor(), page.limit(), caller, scope)
                .map(found -> new Page<>(found.items().stream().map(DocumentResource::view).toList(), found.nextCursor()))
                .orElseThrow(() -> ProblemException.notFound("File", id)));
    }

    @GET
    @Path("{documentId}")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(operationId = "getWorkerDocument", summary = "What one evidence document is", description = "A row DOCUMENT of the file's access log.")
    public DocumentView get(@PathParam("id") long id, @PathParam("documentId") long documentId) {
        return view(found(id, documentId));
    }

    @GET
    @Path("{documentId}/content")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(operationId = "downloadWorkerDocument", summary = "Download an evidence document", description = "The bytes as stored, with their Content-Type, as an"
            + " attachment (never shown inline). A row DOCUMENT of the file's access log.")
    @APIResponse(responseCode = "200", description = "The document's bytes, as an attachment",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"document-{id}.pdf\" (.jpg, .png)",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                    @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response content(@PathParam("id") long id, @PathParam("documentId") long documentId) {
        FileDocument document = found(id, documentId);
        Response.ResponseBuilder answer = Response.ok(documents.content(document), document.stored().contentType());
        DocumentView.downloadHeaders(document.id(), document.stored().contentType()).forEach(answer::header);
        return answer.build();
    }

    private FileDocument found(long id, long documentId) {
        return documents.find(id, documentId, caller, scope)
                .orElseThrow(() -> ProblemException.notFound("Document", documentId));
    }
}
