package org.unionaid.registry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.BeanParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.unionaid.registry.service.view.WorkerViews.AccessEntry;
import org.unionaid.registry.service.view.WorkerViews.HistoryEntry;
import org.unionaid.registry.service.view.WorkerViews.WorkerSummary;
import org.unionaid.common.paging.Page;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.common.web.Params;
import org.unionaid.registry.domain.Category;
import org.unionaid.registry.domain.Cause;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.service.view.WorkerViews.CheckView;
import org.unionaid.registry.rest.WorkerDtos.Lookup;
import org.unionaid.registry.rest.WorkerDtos.NewCheck;
import org.unionaid.registry.rest.WorkerDtos.NewWorker;
import org.unionaid.registry.rest.WorkerDtos.Transition;
import org.unionaid.registry.rest.WorkerDtos.WorkerPatch;
import org.unionaid.registry.service.view.WorkerViews.WorkerView;
import org.unionaid.registry.service.FileImportService;
import org.unionaid.registry.service.FileJournal;
import org.unionaid.registry.rest.ImportDtos.ImportBatch;
import org.unionaid.registry.service.view.ImportViews.ImportResult;
import org.unionaid.common.problem.Messages;
import jakarta.ws.rs.core.HttpHeaders;
import org.unionaid.registry.service.FileChecksService;
import org.unionaid.registry.service.FileEntryService;
import org.unionaid.registry.service.FileLifecycle;
import org.unionaid.registry.service.FileUpdateService;
import org.unionaid.registry.service.HardshipFileService;
import org.unionaid.registry.service.LookupAllowance;
import org.unionaid.registry.service.HardshipFileService.Filter;
import org.unionaid.registry.service.StationScope;

import java.util.List;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.CLERK;
import static org.unionaid.common.security.Roles.FINANCE;
import static org.unionaid.common.security.Roles.REVIEWER;
import static org.unionaid.common.security.Roles.SERVICE;

@Path("/api/v1/workers")
@Tag(name = "Hardship files", description = "Hardship worker files (在档困难职工): entry, checks, lifecycle, reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkerResource {

    private final HardshipFileService files;
    private final FileEntryService entries;
    private final FileUpdateService updates;
    private final FileLifecycle lifecycle;
    private final FileChecksService checks;
    private final FileJournal journal;
    private final Caller caller;
    private final StationScope scope;
    private final FileImportService imports;
    private final LookupAllowance allowance;
    private final ImportMapping importItems;

    WorkerResource(HardshipFileService files, FileEntryService entries, FileUpdateService updates, FileLifecycle lifecycle,
                   FileChecksService checks, FileJournal journal, Caller caller,
                   StationScope scope, FileImportService imports, ImportMapping importItems, LookupAllowance allowance) {
        this.importItems = importItems;
        this.files = files;
        this.entries = entries;
        this.updates = updates;
        this.lifecycle = lifecycle;
        this.checks = checks;
        this.allowance = allowance;
        this.imports = imports;
        this.journal = journal;
        this.caller = caller;
        this.scope = scope;
    }

    @POST
    @RolesAllowed({CLERK, REVIEWER})
    @Operation(operationId = "createWorker", summary = "Enter a household's hardship file",
            description = "Answers 201 with the file PENDING (or TEMPORARY), its computed category and per-capita income, and the ID number masked. 409 when the ID number already has an open file.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewWorker.class),
            examples = @ExampleObject(name = "file", summary = "A community's file of a household of three", value = NEW_WORKER_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The file entered",
            headers = {@Header(name = "Location", description = "The file's URL", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = "The file's version, for If-Match", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WorkerView.class)))
    public Response create(@Valid @NotNull NewWorker request, UriInfo uri) {
        WorkerView created;
        try {
            created = entries.create(WorkerMapping.entry(request), caller, scope);
        } catch (ProblemException e) {
            if (FileEntryService.DUPLICATE.equals(e.code())) {
                // "This number has a file" is an answer about the number: it costs a probe (after the entry's rollback).
                allowance.spend(1);
            }
            throw e;
        }
        return org.unionaid.common.web.Links.created(uri, created.id())
                .tag(etag(created)).entity(created).build();
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(operationId = "listWorkers", summary = "List files", description = "Keyset-paged. reviewDue=true lists active files whose yearly re-check is due; neverAided=true files no payout of aid has reached (lastAidedAt null). ID numbers masked for every role; each page's rows are written in the access log (purpose LIST). An unknown station gives an empty list.")
    public RestResponse<Page<WorkerSummary>> list(
            @QueryParam("status") @Parameter(schema = @Schema(implementation = FileStatus.class)) String status,
            @QueryParam("category") @Parameter(schema = @Schema(implementation = Category.class)) String category,
            @QueryParam("station") @Parameter(description = "A station's code: its files and those of the stations below it") String station,
            @QueryParam("enterprise") @Parameter(description = "An enterprise's id", schema = @Schema(type = SchemaType.INTEGER, format = "int64")) String enterprise,
            @QueryParam("cause") @Parameter(description = "The main cause", schema = @Schema(implementation = Cause.class)) String cause,
            @QueryParam("reviewDue") boolean reviewDue,
            @QueryParam("neverAided") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String neverAided,
            @BeanParam PageQuery page) {
        Filter filter = new Filter(Params.enumValue(FileStatus.class, status, "status"),
                Params.enumValue(Category.class, category, "category"), station,
                Params.longValue(enterprise, "enterprise"), Params.enumValue(Cause.class, cause, "cause"), reviewDue,
                Boolean.TRUE.equals(Params.booleanValue(neverAided, "neverAided")));
        return page.answer(files.list(filter, page.cursor(), page.limit(), caller, scope));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN, SERVICE})
    @Operation(operationId = "getWorker", summary = "Read a file", description = "Reviewers see the full ID number and birth date; every other role the masked number and the birth year. Each read is written in the access log.")
    @APIResponse(responseCode = "200", description = "The file",
            headers = @Header(name = "ETag", description = "The file's version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WorkerView.class)))
    public Response get(@PathParam("id") long id) {
        WorkerView file = files.get(id, caller, scope).orElseThrow(() -> ProblemException.notFound("File", id));
        return Response.ok(file).tag(etag(file)).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({CLERK, REVIEWER})
    @Operation(operationId = "updateWorker", summary = "Change a file", description = "Needs If-Match with the ETag read; 412 when the file changed since, 428 without If-Match.")
    @APIResponse(responseCode = "200", description = "The file as changed",
            headers = @Header(name = "ETag", description = "The file's new version", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WorkerView.class)))
    public Response update(@PathParam("id") long id,
                           @HeaderParam("If-Match") @Parameter(required = true, description = "The ETag of the file as read") String ifMatch,
                           @Valid @NotNull WorkerPatch patch) {
        WorkerView updated = updates.update(id, version(ifMatch), WorkerMapping.changes(patch), caller, scope);
        return Response.ok(updated).tag(etag(updated)).build();
    }

    @POST
    @Path("lookup")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(operationId = "lookupWorkers", summary = "Find files by ID number", description = "The ID number goes in the body, never in a URL. "
            + "Each lookup (and each entry refused as a duplicate) spends one of the caller's hourly ID-number probes "
            + "(registry.files.lookups-per-hour; reviewers are not counted): beyond them 429 lookup-allowance-spent with Retry-After.")
    public Page<WorkerView> lookup(@Valid @NotNull Lookup request) {
        allowance.spend(1);
        List<WorkerView> found = files.lookup(request.idNumber(), caller, scope);
        return new Page<>(found, null);
    }

    @POST
    @Path("import")
    @RolesAllowed(ADMIN)
    @Operation(operationId = "importWorkers", summary = "Import files from spreadsheets or the national system",
            description = "Up to 1,000 ACTIVE or EXITED files with their dates, in one transaction. Each item is checked like a new entry, its category computed with the 低保 of the year it was entered; items that fail are reported by index with the reason, the others imported.")
    public ImportResult importFiles(@Valid @NotNull ImportBatch batch, HttpHeaders headers) {
        return imports.importFiles(importItems.lines(batch.items()), caller, Messages.localeOf(headers));
    }

    @POST
    @Path("{id}/transitions")
    @RolesAllowed({CLERK, REVIEWER})
    @Operation(operationId = "transitionWorker", summary = "Move a file through its lifecycle", description = "PENDING→ACTIVE|REJECTED|CANCELLED, TEMPORARY→ACTIVE|CANCELLED, ACTIVE→EXITED; others 409. Approval needs the checks and a reviewer other than the one who entered the file.")
    public WorkerView transition(@PathParam("id") long id, @Valid @NotNull Transition request) {
        return lifecycle.transition(id, new FileLifecycle.Move(request.to(), request.reason(), request.exitReason()),
                caller, scope);
    }

    @POST
    @Path("{id}/checks")
    @RolesAllowed({CLERK, REVIEWER})
    @Operation(operationId = "recordWorkerCheck", summary = "Record a check before approval", description = "FIRST_REVIEW, HOME_VISIT (with signed consent), MEANS_CHECK, PUBLIC_NOTICE (公示, with its period and whether anyone objected).")
    @APIResponse(responseCode = "201", description = "The check recorded",
            headers = @Header(name = "Location", description = "The file's checks", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckView.class)))
    public Response check(@PathParam("id") long id, @Valid @NotNull NewCheck request, UriInfo uri) {
        CheckView check = checks.recordCheck(id, WorkerMapping.check(request), caller, scope);
        return org.unionaid.common.web.Links.createdHere(uri).entity(check).build();
    }

    @GET
    @Path("{id}/checks")
    @RolesAllowed({CLERK, REVIEWER, ADMIN})
    @Operation(operationId = "listWorkerChecks", summary = "A file's checks", description = "All of them, in the order recorded; the read is in the file's access log.")
    public Page<CheckView> checks(@PathParam("id") long id) {
        return new Page<>(checks.checks(id, caller, scope).orElseThrow(() -> ProblemException.notFound("File", id)), null);
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({CLERK, REVIEWER, ADMIN})
    @Operation(operationId = "listWorkerHistory", summary = "Every change of the file: who, when, what", description = "Keyset-paged, oldest first.")
    public RestResponse<Page<HistoryEntry>> history(@PathParam("id") long id, @BeanParam PageQuery page) {
        return page.answer(files.history(id, page.cursor(), page.limit(), caller, scope)
                .orElseThrow(() -> ProblemException.notFound("File", id)));
    }

    @GET
    @Path("{id}/access-log")
    @RolesAllowed({REVIEWER, ADMIN})
    @Operation(operationId = "listWorkerAccessLog", summary = "Every read of the file's personal data, by any role",
            description = "One entry per answer that carried the file's household, checks or history (views, lookups, list pages, the answers of writes); fullIdNumber says whether it showed the whole ID number.")
    public RestResponse<Page<AccessEntry>> accessLog(@PathParam("id") long id, @BeanParam PageQuery page) {
        files.visible(id, scope).orElseThrow(() -> ProblemException.notFound("File", id));
        return page.answer(journal.accesses(id, page.cursor(), page.limit()));
    }

    /** The example of a new file in the contract; OpenApiContractTest enters it. */
    static final String NEW_WORKER_EXAMPLE = """
            {"name": "张三", "idNumber": "11010519491231002X", "phone": "13800000000", "stationCode": "C01-D01-S01",
             "migrantWorker": false, "labourRelationSince": "2015-03-01",
             "household": {"yearlyIncome": "36000.00", "rigidCosts": "12000.00", "members": [
               {"relation": "SPOUSE", "name": "李四", "birthDate": "1952-05-01", "ill": true},
               {"relation": "CHILD", "name": "张小明", "birthDate": "2006-09-01", "student": true, "school": "City University", "grade": "2"}]},
             "mainCause": "ILLNESS", "otherCauses": ["CHILD_EDUCATION"]}""";

    private static EntityTag etag(WorkerView file) {
        return new EntityTag(String.valueOf(file.version()));
    }

    private static int version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "version-required");
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            throw new ProblemException(412, "stale-version");
        }
    }
}
