package org.unionaid.registry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.rest.BankAccountDtos.BankAccountInput;
import org.unionaid.registry.service.view.BankAccountViews.BankAccountView;
import org.unionaid.registry.service.BankAccountService;
import org.unionaid.registry.service.StationScope;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.CLERK;
import static org.unionaid.common.security.Roles.FINANCE;
import static org.unionaid.common.security.Roles.REVIEWER;
import static org.unionaid.common.security.Roles.SERVICE;

@Path("/api/v1/workers/{id}/bank-account")
@Tag(name = "Hardship files")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BankAccountResource {

    private final BankAccountService accounts;
    private final Caller caller;
    private final StationScope scope;

    BankAccountResource(BankAccountService accounts, Caller caller, StationScope scope) {
        this.accounts = accounts;
        this.caller = caller;
        this.scope = scope;
    }

    @PUT
    @RolesAllowed({CLERK, REVIEWER})
    @Operation(operationId = "setWorkerBankAccount", summary = "Set the file holder's bank account",
            description = "Clerks of the file's station (or above it) and reviewers; open files only (409 file-closed). The account"
                    + " number is 12 to 30 digits; accountName must be the name on the file (422 account-name-mismatch). A change"
                    + " is an entry of the file's history (action BANK_ACCOUNT, before and after masked). Answers the account with"
                    + " its number masked.")
    public BankAccountView set(@PathParam("id") long id, @Valid @NotNull BankAccountInput request) {
        return BankAccountView.of(accounts.set(id, request.details(), caller, scope));
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN, SERVICE})
    @Operation(operationId = "getWorkerBankAccount", summary = "Read the file holder's bank account",
            description = "The full account number for a service token only (disbursement writes it into bank files); masked for"
                    + " every other role. Each read is in the file's access log. 404 no-bank-account when the file has none.")
    public BankAccountView get(@PathParam("id") long id) {
        return BankAccountView.of(accounts.read(id, caller, scope));
    }
}
