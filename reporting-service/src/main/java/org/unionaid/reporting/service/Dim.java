package org.unionaid.reporting.service;

import java.util.Locale;
import java.util.Optional;

/** What a report can be grouped by. */
public enum Dim {
    PROJECT, YEAR, QUARTER, MONTH, STATION, ENTERPRISE, CATEGORY, CAUSE, STATUS;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Dim> of(String name) {
        for (Dim d : values()) {
            if (d.key().equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    boolean isTime() {
        return this == YEAR || this == QUARTER || this == MONTH;
    }

    /**
     * This dimension's bit in the {@code dims} mask of the person counters ({@code aid_reach},
     * {@code aid_reach_chain}); 0 for the time dimensions and status, which are not in the mask.
     */
    public int counterBit() {
        return switch (this) {
            case PROJECT -> 1;
            case STATION -> 2;
            case ENTERPRISE -> 4;
            case CATEGORY -> 8;
            case CAUSE -> 16;
            default -> 0;
        };
    }

    /** Breakdowns by these can single out a person: their small cells are suppressed. */
    boolean isIdentifying() {
        return this == STATION || this == ENTERPRISE || this == CATEGORY || this == CAUSE;
    }
}
