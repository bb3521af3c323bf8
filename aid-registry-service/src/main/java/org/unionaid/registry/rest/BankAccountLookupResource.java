package org.unionaid.registry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.rest.BankAccountDtos.BankAccountLookup;
import org.unionaid.registry.rest.BankAccountDtos.BankAccountLookupAnswer;
import org.unionaid.registry.rest.BankAccountDtos.BankAccountOfFile;
import org.unionaid.registry.service.BankAccountService;

import static org.unionaid.common.security.Roles.SERVICE;

/** The bulk read of bank accounts that disbursement's bank-file export makes (docs/contracts.md). */
@Path("/api/v1/bank-accounts/lookup")
@Tag(name = "Hardship files")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BankAccountLookupResource {

    private final BankAccountService accounts;
    private final Caller caller;

    BankAccountLookupResource(BankAccountService accounts, Caller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(SERVICE)
    @Operation(operationId = "lookupBankAccounts", summary = "Read the bank accounts of many files at once (service only)",
            description = "At most " + BankAccountDtos.LOOKUP_MAX + " file ids (400 beyond, or for a missing or non-positive"
                    + " id). Answers the full account of each file that has one, in id order; a file without an account, or"
                    + " with no such id, is absent. Each file answered is a row BANK_ACCOUNT_FULL of its access log.")
    public BankAccountLookupAnswer lookup(@Valid @NotNull BankAccountLookup request) {
        return new BankAccountLookupAnswer(accounts.readAll(request.workerIds(), caller).entrySet().stream()
                .map(e -> new BankAccountOfFile(e.getKey(), e.getValue().bankName(), e.getValue().accountNumber(),
                        e.getValue().accountName()))
                .toList());
    }
}
