package org.unionaid.disbursement.domain;

/**
 * A BANK_TRANSFER payout is ISSUED when finance makes it, SENT once it is in a bank file, PAID or FAILED from the
 * bank's result; CASH is PAID at once. A PAID payout the bank bounces later is REVERSED. The database allows these
 * steps only (trigger payout_lifecycle, V7).
 */
public enum PayoutStatus {
    ISSUED, SENT, PAID, FAILED, REVERSED
}
