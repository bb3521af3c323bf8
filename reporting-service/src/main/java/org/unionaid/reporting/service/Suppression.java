package org.unionaid.reporting.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Complementary suppression. A small cell hidden alone can be worked out by subtraction: its line
 * (the cells that share every key but one) adds up to a figure that is published — the report's
 * totals, or the same report grouped by one dimension less — so the hidden cell is that figure
 * minus the visible ones. In every line with exactly one hidden cell, the visible cell of least
 * weight (fewest persons; one that is not empty when there is one) is hidden too, until no line
 * has a lone hidden cell. A line of one cell is its own margin and is left as it is.
 */
final class Suppression {

    private Suppression() {
    }

    /** A cell of a breakdown: its keys in groupBy order, its weight, whether it is hidden. */
    static final class Cell {
        final List<Object> keys;
        final long weight;
        boolean hidden;

        Cell(List<Object> keys, long weight, boolean hidden) {
            this.keys = keys;
            this.weight = weight;
            this.hidden = hidden;
        }
    }

    /**
     * Hides the complements the hidden cells need; returns how many cells it hid. The lines are made
     * once (a report computed from scratch can have thousands of cells); a pass over them repeats
     * while it hides something.
     */
    static int complement(List<Cell> cells, int dimensions) {
        if (cells.stream().noneMatch(cell -> cell.hidden)) {
            return 0;
        }
        List<List<Cell>> lines = new ArrayList<>();
        for (int d = 0; d < dimensions; d++) {
            for (List<Cell> line : lines(cells, d).values()) {
                if (line.size() > 1) {
                    lines.add(line);
                }
            }
        }
        int added = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (List<Cell> line : lines) {
                Cell complement = complementOf(line);
                if (complement != null) {
                    complement.hidden = true;
                    added++;
                    changed = true;
                }
            }
        }
        return added;
    }

    /**
     * Hides the lightest shown cell when no cell is hidden: the cells of a report add up to its totals, so
     * totals that are suppressed need at least one hidden cell (with its complements) to stay unknown.
     */
    static void hideOne(List<Cell> cells) {
        if (cells.stream().anyMatch(cell -> cell.hidden)) {
            return;
        }
        Cell lightest = null;
        for (Cell cell : cells) {
            if (lightest == null || lighter(cell, lightest)) {
                lightest = cell;
            }
        }
        if (lightest != null) {
            lightest.hidden = true;
        }
    }

    /** The cells by their keys without the one at {@code dimension}: the lines along it. */
    private static Map<List<Object>, List<Cell>> lines(List<Cell> cells, int dimension) {
        Map<List<Object>, List<Cell>> lines = new LinkedHashMap<>();
        for (Cell cell : cells) {
            List<Object> rest = new ArrayList<>(cell.keys);
            rest.remove(dimension);
            lines.computeIfAbsent(rest, k -> new ArrayList<>()).add(cell);
        }
        return lines;
    }

    /** The cell to hide with the line's lone hidden cell, or null when the line needs none. */
    private static Cell complementOf(List<Cell> line) {
        int hidden = 0;
        Cell lightest = null;
        for (Cell cell : line) {
            if (cell.hidden) {
                hidden++;
            } else if (lightest == null || lighter(cell, lightest)) {
                lightest = cell;
            }
        }
        return hidden == 1 ? lightest : null;
    }

    /** Fewer persons first, but an empty cell last: hiding it would hide nothing an attacker lacks. */
    private static boolean lighter(Cell a, Cell b) {
        if ((a.weight > 0) != (b.weight > 0)) {
            return a.weight > 0;
        }
        return a.weight < b.weight;
    }
}
