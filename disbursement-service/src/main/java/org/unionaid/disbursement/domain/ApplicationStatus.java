package org.unionaid.disbursement.domain;

/**
 * SUBMITTED -> APPROVED -> PAID (-> REVERSED), or -> REJECTED / CANCELLED. Above a project's
 * second-approval threshold the first approval leads to AWAITING_SECOND_APPROVAL, with the money
 * already reserved, and a second reviewer's approval to APPROVED. A bank transfer goes APPROVED -> PAYING
 * while its payout is ISSUED or SENT (the money still reserved), then PAID, or back to APPROVED when the
 * bank's result says FAILED (still reserved, paid again by a new payout).
 */
public enum ApplicationStatus {
    SUBMITTED, AWAITING_SECOND_APPROVAL, APPROVED, PAYING, REJECTED, CANCELLED, PAID, REVERSED;

    /** States in which the application's amount is committed: reserved or paid. */
    public static final java.util.List<String> COMMITTED = java.util.List.of("AWAITING_SECOND_APPROVAL", "APPROVED", "PAYING", "PAID");
}
