package org.unionaid.registry.domain;

public enum Sex {
    MALE, FEMALE
}
