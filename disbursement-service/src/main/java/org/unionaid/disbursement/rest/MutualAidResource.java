package org.unionaid.disbursement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.unionaid.common.problem.Messages;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.web.Links;
import org.unionaid.common.web.Params;
import org.unionaid.disbursement.rest.MutualAidDtos.BankAccountInput;
import org.unionaid.disbursement.rest.MutualAidDtos.BulkItem;
import org.unionaid.disbursement.rest.MutualAidDtos.BulkResult;
import org.unionaid.disbursement.rest.MutualAidDtos.NewEnrolment;
import org.unionaid.disbursement.rest.MutualAidDtos.PlanInput;
import org.unionaid.disbursement.rest.MutualAidDtos.PlanList;
import org.unionaid.disbursement.service.EnrolmentFile;
import org.unionaid.disbursement.service.EnrolmentViews;
import org.unionaid.disbursement.service.EnrolmentViews.EnrolmentView;
import org.unionaid.disbursement.service.Enrolments;
import org.unionaid.disbursement.service.Idempotency;
import org.unionaid.disbursement.service.Idempotency.Outcome;
import org.unionaid.disbursement.service.MemberBankAccounts;
import org.unionaid.disbursement.service.MutualAidPlans;
import org.unionaid.disbursement.service.MutualAidPlans.PlanWithHistory;

import java.nio.charset.Charset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.ANALYST;
import static org.unionaid.common.security.Roles.CLERK;
import static org.unionaid.common.security.Roles.FINANCE;
import static org.unionaid.common.security.Roles.REVIEWER;

@Path("/api/v1/mutual-aid")
@Tag(name = "Medical mutual aid", description = "Members enrolled per year by their enterprise's union, the plan of each year")
@Produces(MediaType.APPLICATION_JSON)
public class MutualAidResource {

    private static final String CSV = "text/csv";

    private final Enrolments enrolments;
    private final EnrolmentViews views;
    private final MutualAidPlans plans;
    private final MemberBankAccounts accounts;
    private final Idempotency idempotency;

    MutualAidResource(Enrolments enrolments, EnrolmentViews views, MutualAidPlans plans, MemberBankAccounts accounts,
                      Idempotency idempotency) {
        this.enrolments = enrolments;
        this.views = views;
        this.plans = plans;
        this.accounts = accounts;
        this.idempotency = idempotency;
    }

    @POST
    @Path("enrolments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({CLERK, REVIEWER, ADMIN})
    @Operation(operationId = "enrolMutualAidMember", summary = "Enrol a member for a year",
            description = "201 with the enrolment, the ID number masked. 422 naming idNumber (check character, birth date), "
                    + "enterpriseId (the registry knows none) or premium (none given and no plan for the year); 409 "
                    + "already-enrolled for a second enrolment of the member in the year. Takes Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "The enrolment, the ID number masked",
            headers = @Header(name = "Location", description = "The enrolment's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrolmentView.class)))
    public Response enrol(@Valid @NotNull NewEnrolment request, @HeaderParam(Idempotency.HEADER) String key, @Context UriInfo uri) {
        return idempotency.execute(key, "POST /mutual-aid/enrolments", request,
                () -> {
                    enrolments.checkEnterprise(request.enterpriseId());
                    return request;
                },
                r -> {
                    long id = enrolments.enrolOne(r.enterpriseId(), r.year(), r.line());
                    return Outcome.created(views.find(id).orElseThrow(), Links.uri(uri, id));
                });
    }

    @POST
    @Path("enrolments/bulk")
    @Consumes(CSV)
    @RolesAllowed({CLERK, REVIEWER, ADMIN})
    @Operation(operationId = "enrolMutualAidMembers", summary = "Enrol an enterprise's workers for a year from a CSV file",
            description = "text/csv idNumber,name,premium,paidBy (UTF-8, or GBK by the charset parameter; premium empty: "
                    + "the plan's). 200 with each line ENROLLED, ALREADY_ENROLLED or REFUSED (problem, field, detail); the "
                    + "lines that pass are applied. A file that cannot be read whole is a 400 naming the line, nothing "
                    + "applied. Takes Idempotency-Key.")
    @RequestBody(required = true, description = "idNumber,name,premium,paidBy with that header, ending with a line break",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "What happened to each line",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BulkResult.class)))
    public Response bulk(@QueryParam("enterpriseId") @Parameter(required = true, schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) String enterprise,
                         @QueryParam("year") @Parameter(required = true, schema = @Schema(type = SchemaType.INTEGER, minimum = "2000", maximum = "2200")) String yearParam,
                         byte[] body,
                         @HeaderParam(HttpHeaders.CONTENT_TYPE) @Parameter(hidden = true) String type, @HeaderParam(Idempotency.HEADER) String key,
                         @Context HttpHeaders headers) {
        long enterpriseId = required(enterprise, "enterpriseId", 1, Long.MAX_VALUE);
        int year = (int) required(yearParam, "year", 2000, 2200);
        Charset charset = BankFileResource.charset(type);
        Locale locale = Messages.localeOf(headers);
        TreeMap<String, Object> request = new TreeMap<>();
        request.put("enterpriseId", enterpriseId);
        request.put("year", year);
        request.put("charset", charset.name());
        request.put("sha256", HexFormat.of().formatHex(org.unionaid.disbursement.service.BankFileExport.sha256(body)));
        return idempotency.execute(key, "POST /mutual-aid/enrolments/bulk", request,
                () -> {
                    List<Enrolments.Line> lines = EnrolmentFile.parse(body, charset);
                    enrolments.checkEnterprise(enterpriseId);
                    return lines;
                },
                lines -> Outcome.ok(result(enterpriseId, year, enrolments.enrol(enterpriseId, year, lines), locale)));
    }

    @GET
    @Path("enrolments")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(operationId = "listMutualAidEnrolments", summary = "List enrolments", description = "Keyset-paged by id; enterpriseId and year optional; ID numbers masked. A clerk lists the"
            + " enrolments made at his station and below only; each enrolment shown is in the members' access log.")
    public RestResponse<Page<EnrolmentView>> list(
            @QueryParam("enterpriseId") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) String enterprise,
            @QueryParam("year") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "2000", maximum = "2200")) String year,
            @BeanParam PageQuery page) {
        Long enterpriseId = enterprise == null ? null : required(enterprise, "enterpriseId", 1, Long.MAX_VALUE);
        Integer y = year == null ? null : (int) required(year, "year", 2000, 2200);
        return page.answer(views.list(enterpriseId, y, page.cursor(), page.limit()));
    }

    @GET
    @Path("enrolments/{id}")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(operationId = "getMutualAidEnrolment", summary = "One enrolment", description = "The ID number and the bank account's number masked. Another station's enrolment is 404 for a"
            + " clerk; each read is in the members' access log.")
    @APIResponse(responseCode = "200", description = "The enrolment",
            headers = @Header(name = "ETag", description = "The version of the member's bank account, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrolmentView.class)))
    public Response get(@PathParam("id") long id) {
        EnrolmentView view = views.find(id).orElseThrow(() -> ProblemException.notFound("Enrolment", id));
        return Response.ok(view).tag(view.etag()).build();
    }

    @PUT
    @Path("enrolments/{id}/bank-account")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({CLERK, REVIEWER})
    @Operation(operationId = "setMutualAidBankAccount", summary = "The bank account the member's claims are paid to",
            description = "Digits only, 12 to 30; accountName must be the member's name (422 account-name-mismatch). Kept "
                    + "with the member (every year's claims), the number sealed; answers show it masked. Clerks of the "
                    + "enrolment's station (404 otherwise) and reviewers; If-Match with the enrolment's ETag: 412 when the "
                    + "account changed since. Each change is kept in the member's account history, sealed.")
    @APIResponse(responseCode = "200", description = "The enrolment with the account",
            headers = @Header(name = "ETag", description = "The account's new version", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrolmentView.class)))
    public Response bankAccount(@PathParam("id") long id,
                                @HeaderParam("If-Match") @Parameter(description = "The enrolment's ETag as read") String ifMatch,
                                @Valid @NotNull BankAccountInput input) {
        accounts.set(id, input.bankName(), input.accountNumber(), input.accountName(), ifMatch);
        EnrolmentView view = views.find(id).orElseThrow();
        return Response.ok(view).tag(view.etag()).build();
    }

    @PUT
    @Path("plans/{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ADMIN)
    @Operation(operationId = "setMutualAidPlan", summary = "Set the plan of a year", description = "premium, waitingDays (0..366), share (0..1 of the "
            + "out-of-pocket cost), perClaimCap, yearlyCapPerMember; every version kept in history.")
    public PlanWithHistory putPlan(@PathParam("year") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "2000", maximum = "2200")) String year, @Valid @NotNull PlanInput input) {
        return plans.put((int) required(year, "year", 2000, 2200), input.plan());
    }

    @GET
    @Path("plans")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ANALYST, ADMIN})
    @Operation(operationId = "listMutualAidPlans", summary = "Every year's plan")
    public PlanList plans() {
        return new PlanList(plans.all());
    }

    @GET
    @Path("plans/{year}")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ANALYST, ADMIN})
    @Operation(operationId = "getMutualAidPlan", summary = "A year's plan and its history", description = "current, and history oldest first")
    public PlanWithHistory plan(@PathParam("year") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "2000", maximum = "2200")) String year) {
        int y = (int) required(year, "year", 2000, 2200);
        return plans.find(y).orElseThrow(() -> ProblemException.notFound("Plan", y));
    }

    private static BulkResult result(long enterpriseId, int year, List<Enrolments.Result> results, Locale locale) {
        List<BulkItem> items = results.stream().map(r -> r.refusal() == null
                ? new BulkItem(r.line(), r.result(), r.enrolmentId(), r.idNumber(), null, null, null)
                : new BulkItem(r.line(), r.result(), null, r.idNumber(), "invalid-enrolment", r.refusal().field(),
                        Messages.get(locale, "invalid-enrolment.detail", r.refusal().field()) + " " + r.refusal().message())).toList();
        return new BulkResult(enterpriseId, year, count(results, Enrolments.Outcome.ENROLLED),
                count(results, Enrolments.Outcome.ALREADY_ENROLLED), count(results, Enrolments.Outcome.REFUSED), items);
    }

    private static int count(List<Enrolments.Result> results, Enrolments.Outcome outcome) {
        return (int) results.stream().filter(r -> r.result() == outcome).count();
    }

    private static long required(String value, String name, long min, long max) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(Violation.keyed(name, "required"));
        }
        return Params.longInRange(value, name, min, min, max);
    }
}
