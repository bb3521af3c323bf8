package org.unionaid.disbursement.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.unionaid.common.client.ServiceCallFilter;
import org.unionaid.disbursement.client.RegistryDtos.BankAccountLookup;
import org.unionaid.disbursement.client.RegistryDtos.BankAccounts;
import org.unionaid.disbursement.client.RegistryDtos.Enterprise;
import org.unionaid.disbursement.client.RegistryDtos.MinimumLivingStandard;
import org.unionaid.disbursement.client.RegistryDtos.Station;
import org.unionaid.disbursement.client.RegistryDtos.WorkerFile;

/** The registry reads of docs/contracts.md. Use it through {@link Registry}, which owns the fault tolerance. */
@RegisterRestClient(configKey = "registry")
@RegisterProvider(ServiceCallFilter.class)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface RegistryApi {

    @GET
    @Path("workers/{id}")
    WorkerFile worker(@PathParam("id") long id);

    /** The full accounts of up to 1000 files at once (role service); files without one are absent from the answer. */
    @POST
    @Path("bank-accounts/lookup")
    @Consumes(MediaType.APPLICATION_JSON)
    BankAccounts bankAccounts(BankAccountLookup request);

    @GET
    @Path("enterprises/{id}")
    Enterprise enterprise(@PathParam("id") long id);

    @GET
    @Path("stations/{code}")
    Station station(@PathParam("code") String code);

    @GET
    @Path("settings/minimum-living-standard/{year}")
    MinimumLivingStandard minimumLivingStandard(@PathParam("year") int year);
}
