package org.unionaid.registry.domain;

public enum StationLevel {
    CITY, DISTRICT, STREET, COMMUNITY, ENTERPRISE
}
