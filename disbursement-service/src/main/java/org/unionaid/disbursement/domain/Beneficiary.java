package org.unionaid.disbursement.domain;

/**
 * Whom an application pays: a household (person-aid, by its hardship file), an enterprise union, an aid station, or
 * a mutual-aid member (a MEDICAL_MUTUAL_AID claim by enrolment, no hardship file).
 */
public enum Beneficiary {
    HOUSEHOLD, ENTERPRISE, STATION, MEMBER
}
