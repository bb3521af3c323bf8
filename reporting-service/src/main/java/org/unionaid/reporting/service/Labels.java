package org.unionaid.reporting.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the reports' rows read: group keys as labels, counts and amounts from SQL, the order of groups. */
final class Labels {

    private Labels() {
    }

    static Map<String, Object> keys(List<Dim> groupBy, List<Object> values) {
        Map<String, Object> item = new LinkedHashMap<>();
        for (int i = 0; i < groupBy.size(); i++) {
            item.put(groupBy.get(i).key(), label(groupBy.get(i), values.get(i)));
        }
        return item;
    }

    static Object label(Dim dim, Object value) {
        if (value == null) {
            return null;
        }
        return switch (dim) {
            case YEAR -> ((Number) value).intValue();
            case QUARTER -> ((Number) value).intValue() / 10 + "-Q" + ((Number) value).intValue() % 10;
            case MONTH -> String.format("%d-%02d", ((Number) value).intValue() / 100, ((Number) value).intValue() % 100);
            case ENTERPRISE -> ((Number) value).longValue() == 0L ? null : ((Number) value).longValue();
            default -> value.toString().isEmpty() ? null : value.toString();
        };
    }

    static long count(Object value) {
        return value == null ? 0L : ((Number) value).longValue();
    }

    static BigDecimal money(Object value) {
        return value == null ? BigDecimal.ZERO.setScale(2) : ((BigDecimal) value).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Orders group keys column by column, "none" (empty, 0, null) first. */
    static final Comparator<List<Object>> KEYS = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return ((Comparable) a).compareTo(b);
    }
}
