package org.unionaid.common.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.unionaid.common.json.Text;
import org.unionaid.common.problem.Messages;
import org.unionaid.common.problem.Problems;
import org.unionaid.common.problem.Violation;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Second stop of every request, before any resource: a path or query that decodes to a NUL or
 * another control character, or whose percent-encoding is broken (%zz, or bytes that are not
 * UTF-8, such as %C0%AF), is answered 400 here, once for every endpoint; and an Accept-Language
 * header that is not a language list is dropped (English is answered), so that nothing downstream
 * trips over it.
 */
@ApplicationScoped
public class UrlGuard {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 11).handler(this::check);
        // The router itself answers 400 to a path it cannot decode, before any route: a problem too.
        router.errorHandler(400, rc -> {
            if (!rc.response().headWritten()) {
                refuse(rc, "path");
            }
        });
    }

    private void check(RoutingContext rc) {
        String language = rc.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        if (language != null && !LANGUAGES.matcher(language).matches()) {
            rc.request().headers().remove(HttpHeaders.ACCEPT_LANGUAGE);
        }
        String field = !clean(rc.request().path()) ? "path" : !clean(rc.request().query()) ? "query" : null;
        if (field == null) {
            rc.next();
            return;
        }
        refuse(rc, field);
    }

    private static void refuse(RoutingContext rc, String field) {
        Locale locale = Messages.localeOf(rc.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        List<Violation> violations = List.of(Violation.keyed(field, "url-text"));
        rc.response().setStatusCode(400)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .end(Json.encode(Problems.body(400, "invalid-request", locale,
                        Messages.get(locale, "invalid-request.detail"), violations, null)));
    }

    private static final java.util.regex.Pattern LANGUAGES = java.util.regex.Pattern.compile(
            "\\s*(\\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)(\\s*;\\s*q\\s*=\\s*[0-9.]{1,5})?"
                    + "(\\s*,\\s*(\\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)(\\s*;\\s*q\\s*=\\s*[0-9.]{1,5})?){0,31}\\s*");

    /** No control character at all (not even a line break: it would split a log line), nothing broken. */
    private static boolean plain(String text) {
        return text.chars().noneMatch(c -> c < 0x20 || c == 0x7f) && Text.acceptable(text);
    }

    /** Whether a raw (still percent-encoded) path or query decodes to acceptable UTF-8 text. */
    static boolean clean(String raw) {
        if (raw == null || raw.isEmpty()) {
            return true;
        }
        if (raw.indexOf('%') < 0) {
            return plain(raw);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return false;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            return plain(decoded);
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
