package org.unionaid.common.problem;

import java.util.List;

/**
 * A failure the caller can act on. {@code code} names the problem type and the message keys
 * ({@code <code>.title}, {@code <code>.detail}) in the problems bundle; {@code args} fill the detail.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient Object[] args;
    private final transient List<Violation> violations;
    private final transient java.util.Map<String, String> headers;

    public ProblemException(int status, String code, Object... args) {
        this(status, code, List.of(), java.util.Map.of(), args);
    }

    public ProblemException(int status, String code, List<Violation> violations,
                            java.util.Map<String, String> headers, Object... args) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.args = args;
        this.violations = violations;
        this.headers = headers;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", what, id);
    }

    public static ProblemException conflict(String code, Object... args) {
        return new ProblemException(409, code, args);
    }

    public static ProblemException unprocessable(String code, Object... args) {
        return new ProblemException(422, code, args);
    }

    /**
     * A 400 for one field, its message in the caller's language: {@code invalid(Violation.keyed("year",
     * "year-range", from, to))} shows the bundles' {@code violation.year-range}.
     */
    public static ProblemException invalid(Violation violation) {
        return new ProblemException(400, "invalid-request", List.of(violation), java.util.Map.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args;
    }

    public List<Violation> violations() {
        return violations;
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }
}
