package org.unionaid.disbursement.domain;

/** Projects paid at most once per student per school year, or once per household per campaign. */
public enum OncePer {
    STUDENT_SCHOOL_YEAR, CAMPAIGN
}
