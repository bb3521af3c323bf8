package org.unionaid.disbursement.service;

import org.unionaid.common.problem.ProblemException;

/**
 * A decision refused by a named rule (e.g. YEARLY_CAP_MONTHS, ONE_ITEM_A_YEAR): 422 cap-exceeded
 * or not-eligible, 409 over-budget. The problem carries the rule in its {@code rule} member.
 */
public class RuleRefusal extends ProblemException {

    private final String rule;

    private RuleRefusal(int status, String code, String rule, Object... args) {
        super(status, code, args);
        this.rule = rule;
    }

    /** {@code limit} is the most the rule allows for this decision. */
    public static RuleRefusal capExceeded(String rule, Object limit) {
        return new RuleRefusal(422, "cap-exceeded", rule, rule, limit);
    }

    public static RuleRefusal notEligible(String rule) {
        return new RuleRefusal(422, "not-eligible", rule, rule);
    }

    public static RuleRefusal overBudget(String project, int year) {
        return new RuleRefusal(409, "over-budget", "BUDGET", project, year);
    }

    /** Separation of duties (rule APPROVER_CANNOT_PAY): 403, whatever roles the caller holds. */
    public static RuleRefusal separationOfDuties(String rule) {
        return new RuleRefusal(403, "separation-of-duties", rule, rule);
    }

    /** Separation of duties around a member: who enrolled him or set his account neither approves nor exports his claim. */
    public static RuleRefusal memberSeparationOfDuties(String rule) {
        return new RuleRefusal(403, "member-separation-of-duties", rule, rule);
    }

    public String rule() {
        return rule;
    }
}
