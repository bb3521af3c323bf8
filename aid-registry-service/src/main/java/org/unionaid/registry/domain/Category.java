package org.unionaid.registry.domain;

public enum Category {
    DEEP, RELATIVE, ACCIDENT
}
