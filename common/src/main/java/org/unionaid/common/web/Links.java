package org.unionaid.common.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.util.Optional;

/**
 * Links this service hands out (Location, Link): the configured public base URL
 * (union-aid.public-base-url, env PUBLIC_BASE_URL) and the path, or, when none is configured, a
 * path-absolute reference that the client resolves against the URL it called. Never built from the
 * request's Host or X-Forwarded-Host headers, which any client can set.
 */
public final class Links {

    private Links() {
    }

    /** The link to a resource at {@code path} (starting with '/', already encoded) plus an optional query. */
    public static String to(String path, String query) {
        String link = base().orElse("") + path;
        return query == null || query.isEmpty() ? link : link + "?" + query;
    }

    /** 201 Created with the Location of {@code segment} below the request's path. */
    public static Response.ResponseBuilder created(UriInfo uri, Object segment) {
        return Response.status(Response.Status.CREATED).header("Location", uri(uri, segment).toString());
    }

    /** The link to {@code segment} below the request's path. */
    public static URI uri(UriInfo uri, Object segment) {
        return URI.create(to(uri.getAbsolutePathBuilder().path(String.valueOf(segment)).build().getRawPath(), null));
    }

    /** 201 Created with the Location of the request's own path. */
    public static Response.ResponseBuilder createdHere(UriInfo uri) {
        return Response.status(Response.Status.CREATED).header("Location", to(uri.getAbsolutePath().getRawPath(), null));
    }

    /** The request's own path and query with {@code cursor} replaced, for a Link rel="next". */
    public static String withCursor(UriInfo uri, String cursor) {
        URI next = uri.getRequestUriBuilder().replaceQueryParam("cursor", cursor).build();
        return to(next.getRawPath(), next.getRawQuery());
    }

    private static Optional<String> base() {
        return ConfigProvider.getConfig().getOptionalValue("union-aid.public-base-url", String.class)
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
}
