package org.unionaid.registry.feed;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import org.unionaid.common.web.Params;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

import static org.unionaid.common.security.Roles.SERVICE;

/** Changes since a sequence number, for the other services (docs/contracts.md). */
@Path("/api/v1/feed")
@Tag(name = "Feeds", description = "For other services only (role service)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(SERVICE)
public class FeedResource {

    private static final String AFTER = "The lastSeq read so far; 0 from the start";

    private final EntityManager em;

    FeedResource(EntityManager em) {
        this.em = em;
    }

    @GET
    @Path("workers")
    @Operation(operationId = "readWorkerFeed", summary = "The reportable state of each file after each change, in seq order")
    @APIResponse(responseCode = "200", description = "A page of the feed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedPages.WorkerFeedPage.class)))
    public String workers(@QueryParam("after") @Parameter(description = AFTER, schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", defaultValue = "0")) String after,
                          @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "500")) String limit) {
        return read(Feed.WORKERS, after, limit);
    }

    @GET
    @Path("stations")
    @Operation(operationId = "readStationFeed", summary = "The station tree, one item per station created")
    @APIResponse(responseCode = "200", description = "A page of the feed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedPages.StationFeedPage.class)))
    public String stations(@QueryParam("after") @Parameter(description = AFTER, schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", defaultValue = "0")) String after,
                           @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "500")) String limit) {
        return read(Feed.STATIONS, after, limit);
    }

    /** The JSON is assembled by PostgreSQL: the stored payloads are passed through untouched. */
    @SuppressWarnings("unchecked")
    private String read(Feed feed, String afterParam, String limitParam) {
        long after = Params.longInRange(afterParam, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) Params.longInRange(limitParam, "limit", 500, 1, 1000);
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
