package org.unionaid.common.problem;

import jakarta.ws.rs.core.HttpHeaders;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Problem titles and details in English, or in Chinese when the caller asks for zh. */
public final class Messages {

    /** The service's own messages first (problems*.properties at the classpath root), then the shared ones. */
    private static final List<String> BUNDLES = List.of("problems", "org.unionaid.common.problems");
    private static final Locale CHINESE = Locale.CHINESE;

    private Messages() {
    }

    public static Locale localeOf(HttpHeaders headers) {
        if (headers != null) {
            List<Locale> wanted = headers.getAcceptableLanguages();
            for (Locale locale : wanted) {
                if ("zh".equals(locale.getLanguage())) {
                    return CHINESE;
                }
                if ("en".equals(locale.getLanguage())) {
                    return Locale.ENGLISH;
                }
            }
        }
        return Locale.ENGLISH;
    }

    /** Numbers as they were given (no grouping: an id 1001 stays 1001, an amount 3000.00 stays 3000.00). */
    private static Object[] plain(Object[] args) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            out[i] = a instanceof java.math.BigDecimal d ? d.toPlainString() : a instanceof Number n ? n.toString() : a;
        }
        return out;
    }

    /** The message for key, or null when the bundle has none. */
    public static String get(Locale locale, String key, Object... args) {
        for (String bundle : BUNDLES) {
            try {
                String pattern = ResourceBundle.getBundle(bundle, locale, Thread.currentThread().getContextClassLoader(),
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                        .getString(key);
                return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(plain(args));
            } catch (MissingResourceException e) {
                // try the next bundle
            }
        }
        return null;
    }
}
