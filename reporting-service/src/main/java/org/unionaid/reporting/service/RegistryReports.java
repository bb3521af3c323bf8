package org.unionaid.reporting.service;

import org.unionaid.reporting.service.Cells.Row;
import org.unionaid.reporting.service.Cells.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The registry report: files now, new files and exits, each figure suppressed on its own. */
final class RegistryReports {

    /** The figures of a registry group, in the order of its cells' arrays. */
    private static final List<String> REGISTRY_FIGURES = List.of("files", "newFiles", "exits");

    private final int minCell;

    RegistryReports(int minCell) {
        this.minCell = minCell;
    }

    /**
     * Files now ({@code files}, by status, category, cause, station) and new files and exits in
     * from..to ({@code newFiles}, {@code exits}, also by year, quarter, month). Grouping by status
     * gives only {@code files}; grouping by a period only the flows. In an identifying breakdown each
     * figure is suppressed on its own (null), and {@code suppressed} says that one of them is.
     */
    List<Map<String, Object>> registry(Connection db, ReportQuery q) throws SQLException {
        boolean identifying = Scope.identifying(db, q);
        boolean timed = q.groupBy().stream().anyMatch(Dim::isTime);
        Map<List<Object>, Object[]> groups = new HashMap<>();
        if (!timed) {
            for (Row row : Cells.read(db, Table.REGISTRY_STOCK, q.groupBy(), q, "SUM(c.files)", null)) {
                groups.computeIfAbsent(row.keys(), k -> new Object[3])[0] = Labels.count(row.figures().get(0));
            }
        }
        if (!q.groupBy().contains(Dim.STATUS) && q.status() == null) {
            for (Row row : Cells.read(db, Table.REGISTRY_FLOW, q.groupBy(), q, "SUM(c.new_files), SUM(c.exits)", null)) {
                Object[] figures = groups.computeIfAbsent(row.keys(), k -> new Object[3]);
                figures[1] = Labels.count(row.figures().get(0));
                figures[2] = Labels.count(row.figures().get(1));
            }
        }
        List<List<Object>> order = new ArrayList<>(groups.keySet());
        order.sort(Labels.KEYS);
        if (!timed) {
            for (List<Object> key : order) {
                Object[] f = groups.get(key);
                if (f[0] == null) {
                    f[0] = 0L;
                }
            }
        }
        // Each figure is a table of its own (files now, files opened, files closed): one cannot be worked
        // out from another, so each is suppressed on its own, a few exits not hiding hundreds of files.
        boolean[][] hidden = new boolean[REGISTRY_FIGURES.size()][];
        for (int figure = 0; figure < hidden.length; figure++) {
            hidden[figure] = hiddenFigures(order, groups, figure, identifying, q.groupBy().size());
        }
        List<Map<String, Object>> items = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            Object[] f = groups.get(order.get(i));
            Map<String, Object> item = Labels.keys(q.groupBy(), order.get(i));
            boolean suppressed = false;
            for (int figure = 0; figure < hidden.length; figure++) {
                item.put(REGISTRY_FIGURES.get(figure), hidden[figure][i] ? null : f[figure]);
                suppressed |= hidden[figure][i];
            }
            item.put("suppressed", suppressed);
            items.add(item);
        }
        return items;
    }

    /**
     * Which groups' figure number {@code figure} (of {@link #REGISTRY_FIGURES}) is hidden: in an identifying
     * breakdown, a count of 1 to 4 files (a zero singles nobody out) and its complements, weighed by the
     * same figure. A figure the report does not carry (null) is hidden nowhere.
     */
    private boolean[] hiddenFigures(List<List<Object>> order, Map<List<Object>, Object[]> groups, int figure,
                                    boolean identifying, int dimensions) {
        List<Suppression.Cell> cells = new ArrayList<>(order.size());
        for (List<Object> key : order) {
            Long count = (Long) groups.get(key)[figure];
            long files = count == null ? 0 : count;
            cells.add(new Suppression.Cell(key, files, identifying && files > 0 && files < minCell));
        }
        if (identifying) {
            Suppression.complement(cells, dimensions);
        }
        boolean[] hidden = new boolean[cells.size()];
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = cells.get(i).hidden;
        }
        return hidden;
    }
}
