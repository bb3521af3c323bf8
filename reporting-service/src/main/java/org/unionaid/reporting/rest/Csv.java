package org.unionaid.reporting.rest;

import java.util.List;

/** RFC 4180 CSV: a header row, then one row per record; fields quoted where they need it. */
final class Csv {

    private final StringBuilder out = new StringBuilder();

    Csv(List<String> header) {
        row(header);
    }

    Csv row(List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
