package org.unionaid.registry.domain;

public enum EnterpriseStatus {
    OPERATING, SUSPENDED, CLOSED
}
