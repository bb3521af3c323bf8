package org.unionaid.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.unionaid.common.json.RefusedValue;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Every failure leaves a service as application/problem+json, and none with a stack trace. */
public class ProblemMappers {

    static final String RETRY_AFTER_SECONDS = "2";

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        return Problems.response(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(fieldOf(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return Problems.response(new ProblemException(400, "invalid-request", violations, Map.of()), headers, uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            return Problems.response(new ProblemException(400, "malformed-json"), headers, uri);
        }
        String field = pathOf(mapping);
        String message;
        if (e instanceof RefusedValue refused) {
            message = Messages.get(Messages.localeOf(headers), refused.messageKey());
        } else if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            String allowed = Arrays.stream(format.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
            message = Messages.get(Messages.localeOf(headers), "field.enum", allowed);
        } else if (e instanceof UnrecognizedPropertyException) {
            message = Messages.get(Messages.localeOf(headers), "field.unknown");
        } else {
            message = Messages.get(Messages.localeOf(headers), "field.type");
        }
        return Problems.response(new ProblemException(400, "invalid-request",
                List.of(new Violation(field.isEmpty() ? "body" : field, message)), Map.of()), headers, uri);
    }

    /** Named apart because the JSON extension has its own mapper (a 500) for exactly this type. */
    @ServerExceptionMapper
    public Response undefined(InvalidDefinitionException e, HttpHeaders headers, UriInfo uri) {
        // A body the target type cannot be made from as sent (e.g. a record given a key twice).
        Log.infof("Body not bindable (%s)", e.getClass().getSimpleName());
        String field = pathOf(e);
        return Problems.response(new ProblemException(400, "invalid-request", List.of(new Violation(
                field.isEmpty() ? "body" : field, Messages.get(Messages.localeOf(headers), "field.type"))), Map.of()),
                headers, uri);
    }

    /** Named apart because the JSON extension has its own mapper for exactly this type. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, HttpHeaders headers, UriInfo uri) {
        return unreadable(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, HttpHeaders headers, UriInfo uri) {
        return unauthorized(headers, uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, HttpHeaders headers, UriInfo uri) {
        return unauthorized(headers, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, UriInfo uri) {
        return Problems.response(new ProblemException(403, "forbidden"), headers, uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, headers, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf("Request failed with %d: %s", status, e.getMessage());
            return Problems.response(new ProblemException(status, "internal"), headers, uri);
        }
        return Problems.response(new ProblemException(status, "http"), headers, uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e, HttpHeaders headers, UriInfo uri) {
        if (databaseUnavailable(e)) {
            // The database gave no connection: a matter of retrying later, not a fault of the request.
            Log.warnf("Database unavailable (%s); answered 503", e.getClass().getSimpleName());
            return Problems.response(new ProblemException(503, "database-unavailable", List.of(),
                    Map.of("Retry-After", RETRY_AFTER_SECONDS)), headers, uri);
        }
        if (refusedByDatabase(e)) {
            // A value the database cannot store (too long, out of range): the request's fault, and
            // the database's message, which quotes the value, is not passed on.
            Log.infof("Database refused a value of the request (%s); answered 400", e.getClass().getSimpleName());
            return Problems.response(new ProblemException(400, "invalid-value"), headers, uri);
        }
        if (transactionsCollided(e)) {
            // A deadlock or serialization failure: PostgreSQL rolled one transaction back; it is safe to send again.
            Log.infof("Transaction collided with another (%s); answered 409", e.getClass().getSimpleName());
            return Problems.response(new ProblemException(409, "concurrent-update", List.of(),
                    Map.of("Retry-After", RETRY_AFTER_SECONDS)), headers, uri);
        }
        if (conflictInDatabase(e)) {
            // A constraint stopped a write that raced another (e.g. two creations of one code): the
            // database kept its invariant, and the caller can read again and retry.
            Log.infof("Database constraint refused a write (%s); answered 409", e.getClass().getSimpleName());
            return Problems.response(new ProblemException(409, "constraint-conflict"), headers, uri);
        }
        // Logged by type only: the message of a database error can carry field values.
        Log.errorf("Unexpected failure (%s)", e.getClass().getSimpleName());
        return Problems.response(new ProblemException(500, "internal"), headers, uri);
    }

    /**
     * Whether a failure means the database gave no connection: the pool's acquisition timed out (a
     * pool kept small on purpose, under a burst), or PostgreSQL refused, dropped or is shutting down
     * the connection (SQLState class 08, 53300 too many connections, 57P01-57P03). The request had no
     * effect, so it is a 503 to retry, not an internal error.
     */
    static boolean databaseUnavailable(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("53300") || state.startsWith("57P0"))) {
                    return true;
                }
                if (state == null && sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether PostgreSQL refused a value as data (SQLState class 22: too long for its column, a
     * number out of range, a date it cannot hold, a character it cannot store). Every value a client
     * sends is meant to be checked before it gets there; this keeps one that slipped through a 400.
     */
    static boolean refusedByDatabase(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    /** SQLState 40P01 (deadlock detected) or 40001 (serialization failure): the transaction was rolled back. */
    static boolean transactionsCollided(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** SQLState class 23: a unique, foreign-key or check constraint refused the write. */
    static boolean conflictInDatabase(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private static Response unauthorized(HttpHeaders headers, UriInfo uri) {
        return Problems.response(new ProblemException(401, "unauthorized", List.of(),
                Map.of("WWW-Authenticate", "Bearer")), headers, uri);
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // Drop the method and parameter nodes (create.arg0.name -> name).
        String last = null;
        StringBuilder field = new StringBuilder();
        int index = 0;
        for (Path.Node node : violation.getPropertyPath()) {
            if (index++ < 2 && (node.getKind() == jakarta.validation.ElementKind.METHOD
                    || node.getKind() == jakarta.validation.ElementKind.PARAMETER)) {
                last = node.getName();
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.length() > 0 ? field.toString() : (last != null ? last : "body");
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
