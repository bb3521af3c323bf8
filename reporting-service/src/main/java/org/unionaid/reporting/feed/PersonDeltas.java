package org.unionaid.reporting.feed;

import org.unionaid.reporting.service.Period;

import java.util.ArrayList;
import java.util.List;

/** The changes of {@code aid_person} rows a batch makes, merged over the batch: net payouts per person and cell. */
final class PersonDeltas {

    private static final List<String> PERSON_KEYS = List.of("grain", "period", "yr", "qtr", "mon", "project",
            "station_code", "enterprise_id", "category", "cause", "worker_id");

    private PersonDeltas() {
    }

    /** An empty set of aid_person changes. */
    static Deltas create() {
        return new Deltas("aid_person", PERSON_KEYS, List.of("payouts"));
    }

    /** Changes aid_person for a payout counted for {@code person} (its file, or the file it was merged into). */
    static void count(Payout p, long person, int sign, Deltas persons) {
        for (Period period : Period.of(p.occurredOn)) {
            List<Object> key = new ArrayList<>(time(period));
            key.addAll(List.of(p.project, p.station, p.enterprise, p.category, p.cause, person));
            persons.add(key, (long) sign);
        }
    }

    /** The period columns (grain, period, yr, qtr, mon) the aggregate tables share. */
    static List<Object> time(Period period) {
        return List.of(String.valueOf(period.grain()), period.key(), period.year(), period.quarter(), period.month());
    }
}
