package org.unionaid.registry.feed;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

import static org.unionaid.common.security.Roles.SERVICE;

/** Changes since a sequence number, for the other services (docs/contracts.md). */
@Path("/api/v1/feed")
@Tag(name = "Feeds", description = "For other services only (role service)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(SERVICE)
public class FeedResource {

    private final EntityManager em;

    FeedResource(EntityManager em) {
        this.em = em;
    }

    @GET
    @Path("workers")
    @Operation(summary = "The reportable state of each file after each change, in seq order")
    public String workers(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
                          @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
        return read(Feed.WORKERS, after, limit);
    }

    @GET
    @Path("stations")
    @Operation(summary = "The station tree, one item per station created")
    public String stations(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
                           @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
        return read(Feed.STATIONS, after, limit);
    }

    /** The JSON is assembled by PostgreSQL: the stored payloads are passed through untouched. */
    @SuppressWarnings("unchecked")
    private String read(Feed feed, long after, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT seq, (jsonb_build_object('seq', seq) || payload)::text FROM "
                        + feed.table + " WHERE seq > :after ORDER BY seq LIMIT :limit")
                .setParameter("after", after).setParameter("limit", limit).getResultList();
        long last = after;
        StringBuilder out = new StringBuilder("{\"items\":[");
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append((String) rows.get(i)[1]);
            last = ((Number) rows.get(i)[0]).longValue();
        }
        return out.append("],\"lastSeq\":").append(last).append('}').toString();
    }
}
