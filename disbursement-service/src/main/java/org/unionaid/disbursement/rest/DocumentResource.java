package org.unionaid.disbursement.rest;

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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.paging.Page;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.web.Links;
import org.unionaid.disbursement.domain.ApplicationDocument;
import org.unionaid.disbursement.service.ApplicationDocuments;
import org.unionaid.disbursement.service.Idempotency;
import org.unionaid.disbursement.service.Idempotency.Outcome;
import org.unionaid.documents.DocumentChecks;
import org.unionaid.documents.DocumentKind;
import org.unionaid.documents.DocumentView;
import org.unionaid.documents.StoredDocument;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.CLERK;
import static org.unionaid.common.security.Roles.FINANCE;
import static org.unionaid.common.security.Roles.REVIEWER;

@Path("/api/v1/applications/{id}/documents")
@Tag(name = "Applications")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    private final ApplicationDocuments documents;
    private final Idempotency idempotency;

    DocumentResource(ApplicationDocuments documents, Idempotency idempotency) {
        this.documents = documents;
        this.idempotency = idempotency;
    }

    private static DocumentView view(ApplicationDocument d) {
        return DocumentView.of(d.id(), d.stored(), d.uploadedBy(), d.uploadedAt());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({CLERK, REVIEWER})
    @Operation(operationId = "addApplicationDocument", summary = "Attach an evidence document to an application",
            description = DocumentView.UPLOAD_RULES + " Clerks of the application's station (or"
                    + " above) and reviewers; an application they may not see is 404. Takes Idempotency-Key (the same document"
                    + " again replays the answer; another document under the key is 422).")
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
                        @HeaderParam(HttpHeaders.CONTENT_TYPE) @Parameter(hidden = true) String contentType,
                        @HeaderParam(Idempotency.HEADER) String key,
                        InputStream body, @Context UriInfo uri) {
        DocumentKind parsed = DocumentKind.fromHeader(kind);
        byte[] bytes = DocumentChecks.readBody(body);
        // what a retry must repeat: the kind, the type and the bytes (by their digest)
        Map<String, String> request = Map.of("kind", parsed.name(), "contentType", String.valueOf(contentType),
                "sha256", sha256(bytes));
        AtomicReference<StoredDocument> stored = new AtomicReference<>();
        try {
            return idempotency.execute(key, "POST /applications/" + id + "/documents", request,
                    () -> {
                        stored.set(documents.store(id, parsed, contentType, bytes));
                        return stored.get();
                    },
                    document -> {
                        ApplicationDocument added = documents.record(id, document);
                        return Outcome.created(view(added), Links.uri(uri, added.id()));
                    });
        } catch (RuntimeException e) {
            if (stored.get() != null) {
                documents.discard(stored.get());
            }
            throw e;
        }
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(operationId = "listApplicationDocuments", summary = "List an application's evidence documents", description = "By id, keyset-paged; what they are, not"
            + " their content. Each page read is logged (application_document_access).")
    public RestResponse<Page<DocumentView>> list(@PathParam("id") long id, @BeanParam PageQuery page) {
        return page.answer(documents.list(id, page.cursor(), page.limit())
                .map(found -> new Page<>(found.items().stream().map(DocumentResource::view).toList(), found.nextCursor()))
                .orElseThrow(() -> ProblemException.notFound("Application", id)));
    }

    @GET
    @Path("{documentId}")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(operationId = "getApplicationDocument", summary = "What one evidence document is", description = "Logged as a read.")
    public DocumentView get(@PathParam("id") long id, @PathParam("documentId") long documentId) {
        return view(found(id, documentId, false));
    }

    @GET
    @Path("{documentId}/content")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(operationId = "downloadApplicationDocument", summary = "Download an evidence document", description = "The bytes as stored, with their Content-Type, as an"
            + " attachment (never shown inline). Logged as a read.")
    @APIResponse(responseCode = "200", description = "The document's bytes, as an attachment",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"document-{id}.pdf\" (.jpg, .png)",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                    @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response content(@PathParam("id") long id, @PathParam("documentId") long documentId) {
        ApplicationDocument document = found(id, documentId, true);
        Response.ResponseBuilder answer = Response.ok(documents.content(document), document.stored().contentType());
        DocumentView.downloadHeaders(document.id(), document.stored().contentType()).forEach(answer::header);
        return answer.build();
    }

    private ApplicationDocument found(long id, long documentId, boolean content) {
        return documents.find(id, documentId, content).orElseThrow(() -> ProblemException.notFound("Document", documentId));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
