package org.unionaid.disbursement.rest;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;

/**
 * A keyset-paged list's parameters (a {@code @BeanParam}, so that the contract states them once) and its answer: the
 * page as the declared type (the contract names its items' schema) with {@link Cursors#ok}'s Link header.
 */
public class PageQuery {

    @QueryParam("cursor")
    @Parameter(description = "The nextCursor of the page before; left out for the first page. A cursor this service did not give out is 400.")
    String cursor;

    @QueryParam("limit")
    @Parameter(description = "Rows per page: 1 to " + Cursors.MAX_LIMIT + ", default " + Cursors.DEFAULT_LIMIT + " (400 otherwise)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + Cursors.MAX_LIMIT,
                    defaultValue = "" + Cursors.DEFAULT_LIMIT))
    String limit;

    @Context
    UriInfo uri;

    String cursor() {
        return cursor;
    }

    int limit() {
        return Cursors.limit(limit);
    }

    <T> RestResponse<Page<T>> answer(Page<T> page) {
        Response plain = Cursors.ok(page, uri);
        RestResponse.ResponseBuilder<Page<T>> typed = RestResponse.ResponseBuilder.ok(page);
        plain.getStringHeaders().forEach((name, values) -> values.forEach(value -> typed.header(name, value)));
        return typed.build();
    }
}
