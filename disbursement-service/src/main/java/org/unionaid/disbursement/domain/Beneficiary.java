package org.unionaid.disbursement.domain;

/** Whom a project pays: a household (person-aid), an enterprise union or an aid station. */
public enum Beneficiary {
    HOUSEHOLD, ENTERPRISE, STATION
}
