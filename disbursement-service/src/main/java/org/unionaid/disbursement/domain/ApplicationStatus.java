package org.unionaid.disbursement.domain;

/**
 * SUBMITTED -> APPROVED -> PAID (-> REVERSED), or -> REJECTED / CANCELLED. Above a project's
 * second-approval threshold the first approval leads to AWAITING_SECOND_APPROVAL, with the money
 * already reserved, and a second reviewer's approval to APPROVED.
 */
public enum ApplicationStatus {
    SUBMITTED, AWAITING_SECOND_APPROVAL, APPROVED, REJECTED, CANCELLED, PAID, REVERSED;

    /** States in which the application's amount is committed: reserved or paid. */
    public static final java.util.List<String> COMMITTED = java.util.List.of("AWAITING_SECOND_APPROVAL", "APPROVED", "PAID");
}
