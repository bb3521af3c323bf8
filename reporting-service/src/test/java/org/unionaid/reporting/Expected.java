package org.unionaid.reporting;

import org.unionaid.reporting.stub.FeedStubs;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The figures the source items imply, computed straight from every item the stubs serve: a
 * payout counts once (first delivery) unless a reversal of it was delivered, before or after it.
 * A person is a file as the merges stand in the files' newest states: a payout of a file merged
 * into another (mergedInto, followed to the end of the chain) counts for that other file. A member's claim
 * counts for the member.
 */
final class Expected {

    /** Person-times (or grants), distinct persons and amount of one group. */
    record Fig(long personTimes, Set<Object> persons, BigDecimal amount) {
        Fig plus(Map<String, Object> payout) {
            Set<Object> p = new HashSet<>(persons);
            if (payout.get("workerId") != null) {
                p.add(((Number) payout.get("workerId")).longValue());
            } else if (payout.get("memberId") != null) {
                p.add("member " + payout.get("memberId")); // a member's claim: the member, never a file
            }
            return new Fig(personTimes + 1, p, amount.add(new BigDecimal((String) payout.get("amount"))));
        }
    }

    static final Fig NONE = new Fig(0, Set.of(), BigDecimal.ZERO);

    private final List<Map<String, Object>> standing;
    private final Map<String, Map<String, Object>> stations = new HashMap<>();
    private final List<Map<String, Object>> files;

    Expected(FeedStubs stubs) {
        Map<Object, Map<String, Object>> paid = new java.util.LinkedHashMap<>();
        Set<Object> reversed = new HashSet<>();
        for (Map<String, Object> event : stubs.disbursement().items("payouts")) {
            Object id = ((Number) event.get("payoutId")).longValue();
            if ("PAYOUT".equals(event.get("kind"))) {
                paid.putIfAbsent(id, event);
            } else if ("REVERSAL".equals(event.get("kind"))) {
                reversed.add(id);
            }
        }
        Map<Object, Map<String, Object>> latest = new HashMap<>();
        for (Map<String, Object> file : stubs.registry().items("workers")) {
            latest.merge(((Number) file.get("fileId")).longValue(), file,
                    (a, b) -> seq(b) > seq(a) ? b : a);
        }
        files = new ArrayList<>(latest.values());
        standing = paid.entrySet().stream().filter(e -> !reversed.contains(e.getKey()))
                .map(e -> asPerson(e.getValue(), latest)).toList();
        for (Map<String, Object> s : stubs.registry().items("stations")) {
            stations.put((String) s.get("code"), s);
        }
    }

    /** The payout with its workerId replaced by the file it counts for (the end of the file's merges). */
    private static Map<String, Object> asPerson(Map<String, Object> payout, Map<Object, Map<String, Object>> files) {
        if (payout.get("workerId") == null) {
            return payout;
        }
        Object person = ((Number) payout.get("workerId")).longValue();
        Set<Object> seen = new HashSet<>();
        while (files.containsKey(person) && files.get(person).get("mergedInto") != null && seen.add(person)) {
            person = ((Number) files.get(person).get("mergedInto")).longValue();
        }
        Map<String, Object> counted = new java.util.LinkedHashMap<>(payout);
        counted.put("workerId", person);
        return counted;
    }

    /** Person aid: a household's payout, or a member's mutual-aid claim (beneficiary MEMBER). */
    static boolean household(Map<String, Object> p) {
        return "HOUSEHOLD".equals(p.get("beneficiary")) || "MEMBER".equals(p.get("beneficiary"));
    }

    static LocalDate on(Map<String, Object> p) {
        return LocalDate.parse((String) p.get("occurredOn"));
    }

    static Predicate<Map<String, Object>> between(String from, String to) {
        return p -> {
            String month = ((String) p.get("occurredOn")).substring(0, 7);
            return month.compareTo(from) >= 0 && month.compareTo(to) <= 0;
        };
    }

    /** Standing payouts matching the filter, grouped by the key function (sorted by key). */
    Map<List<Object>, Fig> aid(Predicate<Map<String, Object>> filter, Function<Map<String, Object>, List<Object>> key) {
        Map<List<Object>, Fig> groups = new TreeMap<>(Expected::compareKeys);
        for (Map<String, Object> p : standing) {
            if (filter.test(p)) {
                groups.merge(key.apply(p), NONE.plus(p), (a, b) -> merge(a, b));
            }
        }
        return groups;
    }

    Fig total(Predicate<Map<String, Object>> filter) {
        return aid(filter, p -> List.of()).getOrDefault(List.of(), NONE);
    }

    /** The ancestor of a station at a level (the station itself when it is not below that level). */
    String ancestor(String code, String level) {
        Map<String, Object> station = stations.get(code);
        for (String c : ((String) station.get("path")).split("/")) {
            if (!c.isEmpty() && level.equals(stations.get(c).get("level"))) {
                return c;
            }
        }
        return code;
    }

    boolean under(String code, String ancestor) {
        return code != null && stations.containsKey(code)
                && ((String) stations.get(code).get("path")).contains("/" + ancestor + "/");
    }

    /** Files now, grouped by the key function. */
    Map<List<Object>, Long> files(Predicate<Map<String, Object>> filter, Function<Map<String, Object>, List<Object>> key) {
        Map<List<Object>, Long> groups = new TreeMap<>(Expected::compareKeys);
        for (Map<String, Object> f : files) {
            if (filter.test(f)) {
                groups.merge(key.apply(f), 1L, Long::sum);
            }
        }
        return groups;
    }

    private static Fig merge(Fig a, Fig b) {
        Set<Object> persons = new HashSet<>(a.persons());
        persons.addAll(b.persons());
        return new Fig(a.personTimes() + b.personTimes(), persons, a.amount().add(b.amount()));
    }

    private static long seq(Map<String, Object> item) {
        return ((Number) item.get("seq")).longValue();
    }

    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Objects.toString(a.get(i), "").compareTo(Objects.toString(b.get(i), ""));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
