package org.unionaid.common.paging;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Opaque keyset cursors: the sort key of the last row of a page, base64url-encoded.
 * A cursor that does not decode is the caller's error (400), never a 500.
 */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final String SEPARATOR = "\u001f";

    private Cursors() {
    }

    public static String encode(Object... keys) {
        StringBuilder raw = new StringBuilder("v1");
        for (Object key : keys) {
            raw.append(SEPARATOR).append(key);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The keys a cursor carries; empty for no cursor. */
    public static List<String> decode(String cursor, int keys) {
        if (cursor == null || cursor.isEmpty()) {
            return List.of();
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split(SEPARATOR, -1);
            if (parts.length != keys + 1 || !"v1".equals(parts[0])) {
                throw invalid();
            }
            return List.of(parts).subList(1, parts.length);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public static long decodeLong(String cursor) {
        List<String> keys = decode(cursor, 1);
        if (keys.isEmpty()) {
            return Long.MIN_VALUE;
        }
        try {
            return Long.parseLong(keys.get(0));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    /** The limit parameter as sent: absent is the default, anything but 1..200 is the caller's 400. */
    public static int limit(String requested) {
        if (requested == null || requested.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            return limit(Integer.valueOf(requested.trim()));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(Violation.keyed("limit", "limit-range", MAX_LIMIT));
        }
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ProblemException.invalid(Violation.keyed("limit", "limit-range", MAX_LIMIT));
        }
        return requested;
    }

    /**
     * The page of rows fetched with {@code limit + 1}: the extra row only tells that a next page
     * exists, and the cursor carries the sort key of the last row shown.
     */
    public static <E, T> Page<T> page(List<E> rows, int limit, Function<E, Object[]> sortKey, Function<E, T> view) {
        boolean more = rows.size() > limit;
        List<E> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? encode(sortKey.apply(shown.get(shown.size() - 1))) : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }

    /** 200 with the page as body and, when there is a next page, a Link header to it. */
    public static <T> Response ok(Page<T> page, UriInfo uri) {
        Response.ResponseBuilder builder = Response.ok(page);
        if (page.nextCursor() != null) {
            builder.header("Link", "<" + org.unionaid.common.web.Links.withCursor(uri, page.nextCursor()) + ">; rel=\"next\"");
        }
        return builder.build();
    }

    private static ProblemException invalid() {
        return ProblemException.invalid(Violation.keyed("cursor", "cursor"));
    }
}
