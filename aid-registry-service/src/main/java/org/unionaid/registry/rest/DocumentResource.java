package org.unionaid.registry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.paging.Cursors;
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
    @Operation(summary = "Attach an evidence document to a file",
            description = DocumentView.UPLOAD_RULES + " Clerks of the file's station (or above) and"
                    + " reviewers; a file they may not see is 404.")
    public Response add(@PathParam("id") long id, @HeaderParam(DocumentKind.HEADER) String kind,
                        @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body, @Context UriInfo uri) {
        DocumentKind parsed = DocumentKind.fromHeader(kind);
        FileDocument added = documents.add(id, parsed, contentType, DocumentChecks.readBody(body), caller, scope);
        return Links.created(uri, added.id()).entity(view(added)).build();
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(summary = "List a file's evidence documents", description = "By id, keyset-paged; what they are, not their"
            + " content. Each page read is a row DOCUMENT of the file's access log.")
    public Response list(@PathParam("id") long id, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
                         @Context UriInfo uri) {
        return Cursors.ok(documents.list(id, cursor, Cursors.limit(limit), caller, scope)
                .map(page -> new org.unionaid.common.paging.Page<>(page.items().stream().map(DocumentResource::view).toList(),
                        page.nextCursor()))
                .orElseThrow(() -> ProblemException.notFound("File", id)), uri);
    }

    @GET
    @Path("{documentId}")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(summary = "What one evidence document is", description = "A row DOCUMENT of the file's access log.")
    public DocumentView get(@PathParam("id") long id, @PathParam("documentId") long documentId) {
        return view(found(id, documentId));
    }

    @GET
    @Path("{documentId}/content")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(summary = "Download an evidence document", description = "The bytes as stored, with their Content-Type, as an"
            + " attachment (never shown inline). A row DOCUMENT of the file's access log.")
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
