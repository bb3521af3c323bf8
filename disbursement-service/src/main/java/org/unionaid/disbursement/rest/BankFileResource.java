package org.unionaid.disbursement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.web.Links;
import org.unionaid.disbursement.rest.Dtos.BankFileRequest;
import org.unionaid.disbursement.service.BankFileContent;
import org.unionaid.disbursement.service.BankFileExport;
import org.unionaid.disbursement.service.BankFiles;
import org.unionaid.disbursement.service.BankFiles.BankFileView;
import org.unionaid.disbursement.service.BankFiles.Download;
import org.unionaid.disbursement.service.BankResultFile;
import org.unionaid.disbursement.service.BankResultImport;
import org.unionaid.disbursement.service.Idempotency;
import org.unionaid.disbursement.service.Idempotency.Outcome;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.FINANCE;
import static org.unionaid.common.security.Roles.REVIEWER;

@Path("/api/v1/bank-files")
@Tag(name = "Bank files", description = "Bank transfers sent to the bank in a file (代发) and the bank's result")
@Produces(MediaType.APPLICATION_JSON)
public class BankFileResource {

    static final String CSV = "text/csv";

    private final BankFileExport export;
    private final BankResultImport results;
    private final BankFiles files;
    private final Idempotency idempotency;

    BankFileResource(BankFileExport export, BankResultImport results, BankFiles files, Idempotency idempotency) {
        this.export = export;
        this.results = results;
        this.files = files;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(FINANCE)
    @Operation(operationId = "exportBankFile", summary = "Export a bank file of ISSUED bank transfers of one project",
            description = "Its payouts become SENT; a payout is in at most one bank file. The content is built once "
                    + "(CSV, UTF-8) with each household's account from the registry, stored sealed, and never changes "
                    + "(sha256 of its UTF-8 bytes). Takes Idempotency-Key.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BankFileRequest.class),
            examples = @ExampleObject(name = "bankFile", summary = "Two ISSUED bank transfers of a project", value = Examples.BANK_FILE)))
    @APIResponse(responseCode = "201", description = "The bank file, EXPORTED; its payouts SENT",
            headers = @Header(name = "Location", description = "The bank file's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BankFileView.class)))
    public Response create(@Valid @NotNull BankFileRequest request, @HeaderParam(Idempotency.HEADER) String key,
                           UriInfo uri) {
        return idempotency.execute(key, "POST /bank-files", request,
                () -> export.prepare(request.projectCode(), request.payoutIds()),
                prepared -> {
                    BankFileView file = export.apply(prepared);
                    return Outcome.created(file, Links.uri(uri, file.id()));
                });
    }

    @GET
    @RolesAllowed({FINANCE, REVIEWER, ADMIN})
    @Operation(operationId = "listBankFiles", summary = "List bank files", description = "Keyset-paged by id; counts and amounts sent, paid, failed, outstanding.")
    public RestResponse<Page<BankFileView>> list(@QueryParam("project") @Parameter(description = "A project's code") String project,
                                                 @BeanParam PageQuery page) {
        return page.answer(files.list(project, page.cursor(), page.limit()));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({FINANCE, REVIEWER, ADMIN})
    @Operation(operationId = "getBankFile", summary = "Read a bank file")
    public BankFileView get(@PathParam("id") long id) {
        return files.find(id).orElseThrow(() -> ProblemException.notFound("Bank file", id));
    }

    @GET
    @Path("{id}/content")
    @Produces(CSV)
    @RolesAllowed(FINANCE)
    @Operation(operationId = "downloadBankFile", summary = "Download a bank file",
            description = "The same bytes on every download: UTF-8 (default; its sha256 is the file's) or the same text "
                    + "in GBK. Carries full account numbers: finance only, every download written in the access log.")
    @APIResponse(responseCode = "200", description = "The bank file's CSV, as an attachment",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"bank-file-{id}.csv\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response content(@PathParam("id") long id,
                            @QueryParam("encoding") @Parameter(description = "The charset of the bytes: UTF_8 (default) or GBK",
                                    schema = @Schema(implementation = BankFiles.Encoding.class)) String encoding) {
        Download download = files.content(id, BankFiles.encoding(encoding))
                .orElseThrow(() -> ProblemException.notFound("Bank file", id));
        return Response.ok(download.bytes(), CSV + "; charset=" + download.charset())
                .header("Content-Disposition", "attachment; filename=\"bank-file-" + id + ".csv\"").build();
    }

    @POST
    @Path("{id}/results")
    @Consumes(CSV)
    @RolesAllowed(FINANCE)
    @Operation(operationId = "importBankFileResults", summary = "Import the bank's result for a bank file",
            description = "text/csv reference,status,amount,message (status SUCCESS or FAILED; UTF-8, or GBK named by "
                    + "the charset parameter). Each line APPLIED, ALREADY_APPLIED or MISMATCH; the same file twice "
                    + "changes nothing. A file that cannot be read whole is a 400 naming the line, nothing applied. "
                    + "Takes Idempotency-Key.")
    @RequestBody(required = true, description = "The bank's CSV: reference,status,amount,message with that header, ending with a line break",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "results", summary = "One transfer paid, one refused", value = Examples.BANK_RESULTS)))
    @APIResponse(responseCode = "200", description = "What happened to each line",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BankResultImport.ImportView.class)))
    public Response results(@PathParam("id") long id, byte[] body,
                            @HeaderParam(HttpHeaders.CONTENT_TYPE) @Parameter(hidden = true) String type,
                            @HeaderParam(Idempotency.HEADER) String key) {
        Charset charset = charset(type);
        var request = new java.util.TreeMap<String, Object>();
        request.put("charset", charset.name());
        request.put("sha256", java.util.HexFormat.of().formatHex(BankFileExport.sha256(body)));
        return idempotency.execute(key, "POST /bank-files/" + id + "/results", request,
                () -> BankResultFile.parse(body, charset), lines -> Outcome.ok(results.apply(id, lines)));
    }

    static Charset charset(String contentType) {
        String name = contentType == null ? null : MediaType.valueOf(contentType).getParameters().get("charset");
        if (name == null || name.equalsIgnoreCase("UTF-8") || name.equalsIgnoreCase("UTF8")) {
            return StandardCharsets.UTF_8;
        }
        if (name.equalsIgnoreCase("GBK")) {
            return BankFileContent.GBK;
        }
        throw ProblemException.invalid(Violation.keyed("Content-Type", "bank-result-charset"));
    }
}
