package org.unionaid.reporting.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuppressionTest {

    private static Suppression.Cell cell(long weight, boolean hidden, Object... keys) {
        return new Suppression.Cell(List.of(keys), weight, hidden);
    }

    private static List<List<Object>> hidden(List<Suppression.Cell> cells) {
        return cells.stream().filter(c -> c.hidden).map(c -> c.keys).toList();
    }

    @Test
    void withTheTotalPublishedALoneSmallCellTakesTheLightestOtherCellWithIt() {
        List<Suppression.Cell> stations = List.of(cell(3, true, "S1"), cell(40, false, "S2"), cell(12, false, "S3"),
                cell(25, false, "S4"));
        assertEquals(1, Suppression.complement(stations, 1));
        assertEquals(List.of(List.of("S1"), List.of("S3")), hidden(stations));

        List<Suppression.Cell> two = List.of(cell(3, true, "FEW"), cell(12, false, "MANY"));
        Suppression.complement(two, 1);
        assertEquals(2, hidden(two).size(), "of two cells and their total, hiding one alone hides nothing");
    }

    @Test
    void linesWithNoneOrTwoHiddenCellsAndLinesOfOneCellAreLeftAsTheyAre() {
        List<Suppression.Cell> none = List.of(cell(30, false, "A"), cell(12, false, "B"));
        List<Suppression.Cell> twoHidden = List.of(cell(3, true, "A"), cell(2, true, "B"), cell(50, false, "C"));
        List<Suppression.Cell> alone = List.of(cell(3, true, "A"));
        assertEquals(0, Suppression.complement(none, 1) + Suppression.complement(twoHidden, 1) + Suppression.complement(alone, 1));
        assertEquals(List.of(List.of("A"), List.of("B")), hidden(twoHidden));
    }

    @Test
    void anEmptyCellIsTheLastChoiceOfComplement() {
        List<Suppression.Cell> cells = List.of(cell(3, true, "A"), cell(0, false, "B"), cell(9, false, "C"));
        Suppression.complement(cells, 1);
        assertEquals(List.of(List.of("A"), List.of("C")), hidden(cells));
    }

    @Test
    void inTwoDimensionsComplementsAreAddedUntilNoLineHasALoneHiddenCell() {
        // project x station: (A,S1) is small. Its row needs (A,S2), its column (B,S1), and then B's row (B,S2).
        List<Suppression.Cell> cells = List.of(cell(3, true, "A", "S1"), cell(10, false, "A", "S2"), cell(20, false, "A", "S3"),
                cell(10, false, "B", "S1"), cell(12, false, "B", "S2"));
        assertEquals(3, Suppression.complement(cells, 2));
        assertEquals(List.of(List.of("A", "S1"), List.of("A", "S2"), List.of("B", "S1"), List.of("B", "S2")), hidden(cells));
    }

    @Test
    void onRandomBreakdownsNoLineIsLeftWithExactlyOneHiddenCellAndNoSmallCellIsShown() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            int dimensions = 1 + random.nextInt(3);
            List<Suppression.Cell> cells = new ArrayList<>();
            Map<List<Object>, Boolean> seen = new HashMap<>();
            int size = 1 + random.nextInt(40);
            for (int i = 0; i < size; i++) {
                List<Object> keys = new ArrayList<>();
                for (int d = 0; d < dimensions; d++) {
                    keys.add("k" + random.nextInt(4));
                }
                if (seen.putIfAbsent(keys, true) == null) {
                    long weight = random.nextInt(20);
                    cells.add(new Suppression.Cell(keys, weight, weight > 0 && weight < 5));
                }
            }
            Suppression.complement(cells, dimensions);
            for (Suppression.Cell c : cells) {
                assertTrue(!(c.weight > 0 && c.weight < 5) || c.hidden, "a small cell stays hidden");
            }
            for (int d = 0; d < dimensions; d++) {
                Map<List<Object>, int[]> lines = new HashMap<>();
                for (Suppression.Cell c : cells) {
                    List<Object> rest = new ArrayList<>(c.keys);
                    rest.remove(d);
                    int[] counts = lines.computeIfAbsent(rest, k -> new int[2]);
                    counts[0]++;
                    counts[1] += c.hidden ? 1 : 0;
                }
                for (int[] counts : lines.values()) {
                    assertTrue(counts[1] != 1 || counts[0] == 1, "round " + round + ": a line of " + counts[0]
                            + " cells with one hidden cell");
                }
            }
        }
    }
}
