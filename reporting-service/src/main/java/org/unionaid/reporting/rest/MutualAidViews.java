package org.unionaid.reporting.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.reporting.service.Figures;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the mutual-aid report answers, as JSON and as CSV. Amounts are decimal strings, exact. */
final class MutualAidViews {

    private MutualAidViews() {
    }

    public record Premiums(String member, String enterprise, String union, String total) {
        static Premiums of(Figures.Enrolled e) {
            return new Premiums(e.memberPremiums().toPlainString(), e.enterprisePremiums().toPlainString(),
                    e.unionPremiums().toPlainString(), e.totalPremiums().toPlainString());
        }
    }

    @Schema(description = "PAID claims (a reversal takes its payout out); null figures and suppressed true for fewer than 5 persons")
    public record Claims(Long personTimes, Long persons, String amount, boolean suppressed) {
        static Claims of(Figures.Claims c) {
            return new Claims(c.personTimes(), c.persons(), c.amount() == null ? null : c.amount().toPlainString(),
                    c.suppressed());
        }
    }

    public record YearAmount(int year, String amount) {
    }

    @Schema(description = "Premiums the union paid for members of enterprises the registry lists as CLOSED")
    public record ClosedEnterprisePremiums(String total, List<YearAmount> years) {
        static ClosedEnterprisePremiums of(Map<Integer, BigDecimal> years) {
            BigDecimal total = new BigDecimal("0.00");
            List<YearAmount> list = new ArrayList<>();
            for (Map.Entry<Integer, BigDecimal> y : years.entrySet()) {
                total = total.add(y.getValue());
                list.add(new YearAmount(y.getKey(), y.getValue().toPlainString()));
            }
            return new ClosedEnterprisePremiums(total.toPlainString(), list);
        }
    }

    public record Totals(long members, Premiums premiums, Claims claims, String unionPaidPremiumsOfClosedEnterprises) {
    }

    public record MutualAidView(List<String> groupBy, Integer from, Integer to,
                                @Schema(type = SchemaType.ARRAY, implementation = ReportSchemas.MutualAidItem.class)
                                List<Map<String, Object>> items, Totals totals,
                                ClosedEnterprisePremiums unionPaidPremiumsOfClosedEnterprises, Instant asOf) {
    }

    static MutualAidView of(List<String> groupBy, Integer from, Integer to, Figures.MutualAid report, Instant asOf) {
        List<Map<String, Object>> items = new ArrayList<>(report.items().size());
        for (Figures.MutualAidItem i : report.items()) {
            Map<String, Object> item = new LinkedHashMap<>(i.keys());
            if (i.enterpriseClosed() != null) {
                item.put("enterpriseClosed", i.enterpriseClosed());
            }
            item.put("members", i.enrolled().members());
            item.put("premiums", Premiums.of(i.enrolled()));
            item.put("claims", Claims.of(i.claims()));
            item.put("unionPaidPremiumsOfClosedEnterprises", i.enrolled().unionPremiumsOfClosedEnterprises().toPlainString());
            items.add(item);
        }
        return new MutualAidView(groupBy, from, to, items,
                new Totals(report.enrolled().members(), Premiums.of(report.enrolled()), Claims.of(report.claims()),
                        report.enrolled().unionPremiumsOfClosedEnterprises().toPlainString()),
                ClosedEnterprisePremiums.of(report.unionPremiumsOfClosedEnterprises()), asOf);
    }

    /** One row per item, then a row of totals (keys "ALL"); every row carries asOf. */
    static String csv(MutualAidView view) {
        List<String> header = new ArrayList<>(view.groupBy());
        if (view.groupBy().contains("enterprise")) {
            header.add("enterpriseClosed");
        }
        header.addAll(List.of("members", "premiumsMember", "premiumsEnterprise", "premiumsUnion", "premiumsTotal",
                "claimPersonTimes", "claimPersons", "claimAmount", "claimsSuppressed",
                "unionPaidPremiumsOfClosedEnterprises", "asOf"));
        Csv csv = new Csv(header);
        for (Map<String, Object> item : view.items()) {
            List<Object> row = new ArrayList<>();
            for (String key : view.groupBy()) {
                row.add(item.get(key));
            }
            if (view.groupBy().contains("enterprise")) {
                row.add(item.get("enterpriseClosed"));
            }
            figures(row, (Long) item.get("members"), (Premiums) item.get("premiums"), (Claims) item.get("claims"),
                    (String) item.get("unionPaidPremiumsOfClosedEnterprises"), view.asOf());
            csv.row(row);
        }
        List<Object> totals = new ArrayList<>();
        view.groupBy().forEach(k -> totals.add("ALL"));
        if (view.groupBy().contains("enterprise")) {
            totals.add(null);
        }
        Totals t = view.totals();
        figures(totals, t.members(), t.premiums(), t.claims(), t.unionPaidPremiumsOfClosedEnterprises(), view.asOf());
        csv.row(totals);
        return csv.toString();
    }

    private static void figures(List<Object> row, Long members, Premiums p, Claims c, String closedUnion, Instant asOf) {
        row.addAll(List.of(members, p.member(), p.enterprise(), p.union(), p.total()));
        row.add(c.personTimes());
        row.add(c.persons());
        row.add(c.amount());
        row.add(c.suppressed());
        row.add(closedUnion);
        row.add(asOf);
    }
}
