package org.unionaid.bench.minimal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** GET /api/v1/workers/{id}: the entity by id as JSON, 404 when there is none. */
@Path("/api/v1/workers")
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource {

    @GET
    @Path("{id}")
    public Worker get(@PathParam("id") long id) {
        Worker worker = Worker.findById(id);
        if (worker == null) {
            throw new NotFoundException();
        }
        return worker;
    }
}
