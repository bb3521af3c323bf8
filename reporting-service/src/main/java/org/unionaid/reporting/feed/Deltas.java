package org.unionaid.reporting.feed;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Changes to one aggregate table, merged in memory over a batch of feed items and then written
 * with three JDBC batches: make sure each row exists, add the deltas, delete rows that fell to zero.
 * Values are {@code Long} or {@code BigDecimal}. Inserting zeros first keeps the tables' CHECK
 * (value >= 0) valid at every step, whatever the sign of the merged delta.
 */
final class Deltas {

    private final String table;
    private final List<String> keys;
    private final List<String> values;
    private final Map<List<Object>, Object[]> changes = new LinkedHashMap<>();

    Deltas(String table, List<String> keys, List<String> values) {
        this.table = table;
        this.keys = keys;
        this.values = values;
    }

    void add(List<Object> key, Object... delta) {
        Object[] sum = changes.computeIfAbsent(key, k -> zeros(delta));
        for (int i = 0; i < delta.length; i++) {
            sum[i] = delta[i] instanceof BigDecimal d ? ((BigDecimal) sum[i]).add(d) : (Long) sum[i] + (Long) delta[i];
        }
    }

    /** The merged change of the first value of each row so far (the rows as keys). */
    Map<List<Object>, Long> firstValues() {
        Map<List<Object>, Long> first = new LinkedHashMap<>();
        changes.forEach((key, sum) -> first.put(key, (Long) sum[0]));
        return first;
    }

    void write(Connection db) throws SQLException {
        Map<List<Object>, Object[]> nonZero = changes.entrySet().stream()
                .filter(e -> !allZero(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        if (nonZero.isEmpty()) {
            return;
        }
        String keyList = String.join(", ", keys);
        String keyMatch = keys.stream().map(k -> k + " = ?").collect(Collectors.joining(" AND "));
        String ensure = "INSERT INTO " + table + " (" + keyList + ", " + String.join(", ", values) + ") VALUES ("
                + String.join(", ", Collections.nCopies(keys.size(), "?")) + ", "
                + String.join(", ", Collections.nCopies(values.size(), "0")) + ") ON CONFLICT DO NOTHING";
        String add = "UPDATE " + table + " SET "
                + values.stream().map(v -> v + " = " + v + " + ?").collect(Collectors.joining(", "))
                + " WHERE " + keyMatch;
        String prune = "DELETE FROM " + table + " WHERE " + keyMatch + " AND "
                + values.stream().map(v -> v + " = 0").collect(Collectors.joining(" AND "));
        try (PreparedStatement ensureRows = db.prepareStatement(ensure);
             PreparedStatement addDeltas = db.prepareStatement(add);
             PreparedStatement pruneZeros = db.prepareStatement(prune)) {
            for (Map.Entry<List<Object>, Object[]> change : nonZero.entrySet()) {
                bind(ensureRows, 1, change.getKey());
                ensureRows.addBatch();
                Object[] delta = change.getValue();
                for (int i = 0; i < delta.length; i++) {
                    addDeltas.setObject(i + 1, delta[i]);
                }
                bind(addDeltas, delta.length + 1, change.getKey());
                addDeltas.addBatch();
                if (anyNegative(delta)) {
                    bind(pruneZeros, 1, change.getKey());
                    pruneZeros.addBatch();
                }
            }
            ensureRows.executeBatch();
            addDeltas.executeBatch();
            pruneZeros.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, int first, List<Object> key) throws SQLException {
        for (int i = 0; i < key.size(); i++) {
            statement.setObject(first + i, key.get(i));
        }
    }

    private static Object[] zeros(Object[] like) {
        Object[] zeros = new Object[like.length];
        for (int i = 0; i < like.length; i++) {
            zeros[i] = like[i] instanceof BigDecimal ? BigDecimal.ZERO : (Object) 0L;
        }
        return zeros;
    }

    private static boolean allZero(Object[] values) {
        for (Object v : values) {
            if (v instanceof BigDecimal d ? d.signum() != 0 : (Long) v != 0L) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyNegative(Object[] values) {
        for (Object v : values) {
            if (v instanceof BigDecimal d ? d.signum() < 0 : (Long) v < 0L) {
                return true;
            }
        }
        return false;
    }
}
