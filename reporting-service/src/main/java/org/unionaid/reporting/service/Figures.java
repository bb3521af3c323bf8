package org.unionaid.reporting.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Figures as the report service computes them, before they are dressed for JSON or CSV. */
public final class Figures {

    private Figures() {
    }

    public record Totals(long personTimes, long persons, BigDecimal amount) {
    }

    public record Grants(long count, BigDecimal amount) {
    }

    /** One project's figures: person-aid has personTimes and persons, grants have grants. */
    public record ProjectFigures(String project, String beneficiary, Long personTimes, Long persons, Long grants,
                                 BigDecimal amount) {
    }

    /** {@code households} is null when suppressed (a small group singled out by the query). */
    public record Summary(Totals households, Grants enterpriseGrants, Grants stationGrants,
                          List<ProjectFigures> projects) {
    }

    /** {@code totals} is null when suppressed. */
    public record Aid(List<Map<String, Object>> items, Totals totals) {
    }

    /** Enrolments of a group: members, premiums by payer, and the union-paid premiums of its CLOSED enterprises. */
    public record Enrolled(long members, BigDecimal memberPremiums, BigDecimal enterprisePremiums,
                           BigDecimal unionPremiums, BigDecimal unionPremiumsOfClosedEnterprises) {
        static final Enrolled NONE = new Enrolled(0, new BigDecimal("0.00"), new BigDecimal("0.00"),
                new BigDecimal("0.00"), new BigDecimal("0.00"));

        public BigDecimal totalPremiums() {
            return memberPremiums.add(enterprisePremiums).add(unionPremiums);
        }
    }

    /** Claims of a group (PAID, reversals out); null figures when suppressed. */
    public record Claims(Long personTimes, Long persons, BigDecimal amount, boolean suppressed) {
        static final Claims NONE = new Claims(0L, 0L, new BigDecimal("0.00"), false);
        static final Claims SUPPRESSED = new Claims(null, null, null, true);
    }

    /** One (enterprise, year) group of the mutual-aid report; {@code enterpriseClosed} null when not by enterprise. */
    public record MutualAidItem(Map<String, Object> keys, Boolean enterpriseClosed, Enrolled enrolled, Claims claims) {
    }

    /** The mutual-aid report: its groups, totals, and union-paid premiums of CLOSED enterprises by year. */
    public record MutualAid(List<MutualAidItem> items, Enrolled enrolled, Claims claims,
                            Map<Integer, BigDecimal> unionPremiumsOfClosedEnterprises) {
    }
}
