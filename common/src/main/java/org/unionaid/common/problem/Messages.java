package org.unionaid.common.problem;

import jakarta.ws.rs.core.HttpHeaders;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Problem titles and details in English, or in Chinese when the caller asks for zh. */
public final class Messages {

    /**
     * The service's own messages first (problems*.properties at the classpath root), then the shared ones, then
     * evidence-store's (documents), in the services that carry it.
     */
    private static final List<String> BUNDLES = List.of("problems", "org.unionaid.common.problems",
            "org.unionaid.documents.problems");
    private static final Locale CHINESE = Locale.CHINESE;

    private Messages() {
    }

    /**
     * Chinese when the caller's Accept-Language ranks zh before en, else English. Read from the raw
     * header with a forgiving parser: a malformed header is no reason to fail a request.
     */
    public static Locale localeOf(HttpHeaders headers) {
        if (headers == null) {
            return Locale.ENGLISH;
        }
        String header = headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE);
        return localeOf(header);
    }

    public static Locale localeOf(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.length() > 512) {
            return Locale.ENGLISH;
        }
        Locale best = Locale.ENGLISH;
        double bestQ = 0;
        for (String range : acceptLanguage.split(",", -1)) {
            String[] parts = range.split(";", -1);
            String tag = parts[0].trim().toLowerCase(Locale.ROOT);
            Locale locale = tag.equals("zh") || tag.startsWith("zh-") ? CHINESE
                    : tag.equals("en") || tag.startsWith("en-") ? Locale.ENGLISH : null;
            double q = parts.length > 1 ? quality(parts[1]) : 1;
            if (locale != null && q > bestQ) {
                best = locale;
                bestQ = q;
            }
        }
        return best;
    }

    private static double quality(String parameter) {
        String p = parameter.trim();
        if (!p.startsWith("q=") || p.length() > 7) {
            return 0;
        }
        try {
            double q = Double.parseDouble(p.substring(2));
            return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
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
