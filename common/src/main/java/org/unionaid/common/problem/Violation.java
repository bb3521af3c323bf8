package org.unionaid.common.problem;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One invalid field of a request: where it is and what is wrong with it. A violation made by {@link #keyed} carries
 * its message as the key {@code violation.<key>} of the service's problem bundles, and the problem answer shows it
 * in the caller's language ({@link #in}); one made with a plain message shows that message.
 */
public record Violation(String field, String message, @JsonIgnore String key, @JsonIgnore List<Object> args) {

    public Violation(String field, String message) {
        this(field, message, null, List.of());
    }

    /** A violation whose message is the bundles' {@code violation.<key>}, in English until it is shown. */
    public static Violation keyed(String field, String key, Object... args) {
        String english = Messages.get(Locale.ENGLISH, "violation." + key, args);
        return new Violation(field, english != null ? english : key, key, Collections.unmodifiableList(Arrays.asList(args.clone())));
    }

    /** This violation with its message in the given language, when it has a key the bundles know. */
    public Violation in(Locale locale) {
        if (key == null) {
            return this;
        }
        String message = Messages.get(locale, "violation." + key, args.toArray());
        return message == null ? this : new Violation(field, message, key, args);
    }
}
