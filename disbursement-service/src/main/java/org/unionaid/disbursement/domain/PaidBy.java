package org.unionaid.disbursement.domain;

/** Who paid a mutual-aid premium: the member, the enterprise, or the union (e.g. for a shut-down enterprise's workers). */
public enum PaidBy {
    MEMBER, UNION, ENTERPRISE
}
