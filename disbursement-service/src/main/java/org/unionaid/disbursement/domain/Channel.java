package org.unionaid.disbursement.domain;

/** How a payout was made; the channel's own reference is kept with it. */
public enum Channel {
    BANK_TRANSFER, CASH
}
