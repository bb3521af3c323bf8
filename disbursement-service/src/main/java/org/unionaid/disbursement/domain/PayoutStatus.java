package org.unionaid.disbursement.domain;

public enum PayoutStatus {
    PAID, REVERSED
}
