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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.problem.ProblemException;
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
    @Operation(summary = "Export a bank file of ISSUED bank transfers of one project",
            description = "Its payouts become SENT; a payout is in at most one bank file. The content is built once "
                    + "(CSV, UTF-8) with each household's account from the registry, stored sealed, and never changes "
                    + "(sha256 of its UTF-8 bytes). Takes Idempotency-Key.")
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
    @Operation(summary = "List bank files", description = "Keyset-paged by id; counts and amounts sent, paid, failed, outstanding.")
    public Response list(@QueryParam("project") String project, @QueryParam("cursor") String cursor,
                         @QueryParam("limit") String limit, UriInfo uri) {
        return Cursors.ok(files.list(project, cursor, Cursors.limit(limit)), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({FINANCE, REVIEWER, ADMIN})
    public BankFileView get(@PathParam("id") long id) {
        return files.find(id).orElseThrow(() -> ProblemException.notFound("Bank file", id));
    }

    @GET
    @Path("{id}/content")
    @Produces(CSV)
    @RolesAllowed(FINANCE)
    @Operation(summary = "Download a bank file",
            description = "The same bytes on every download: UTF-8 (default; its sha256 is the file's) or the same text "
                    + "in GBK. Carries full account numbers: finance only, every download written in the access log.")
    public Response content(@PathParam("id") long id, @QueryParam("encoding") String encoding) {
        Download download = files.content(id, BankFiles.encoding(encoding))
                .orElseThrow(() -> ProblemException.notFound("Bank file", id));
        return Response.ok(download.bytes(), CSV + "; charset=" + download.charset())
                .header("Content-Disposition", "attachment; filename=\"bank-file-" + id + ".csv\"").build();
    }

    @POST
    @Path("{id}/results")
    @Consumes(CSV)
    @RolesAllowed(FINANCE)
    @Operation(summary = "Import the bank's result for a bank file",
            description = "text/csv reference,status,amount,message (status SUCCESS or FAILED; UTF-8, or GBK named by "
                    + "the charset parameter). Each line APPLIED, ALREADY_APPLIED or MISMATCH; the same file twice "
                    + "changes nothing. A file that cannot be read whole is a 400 naming the line, nothing applied. "
                    + "Takes Idempotency-Key.")
    public Response results(@PathParam("id") long id, byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
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
        throw ProblemException.invalid("Content-Type", "charset must be UTF-8 or GBK");
    }
}
