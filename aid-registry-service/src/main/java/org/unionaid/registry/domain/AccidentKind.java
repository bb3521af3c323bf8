package org.unionaid.registry.domain;

public enum AccidentKind {
    INJURY, DISABILITY, DEATH, DISASTER, OTHER
}
