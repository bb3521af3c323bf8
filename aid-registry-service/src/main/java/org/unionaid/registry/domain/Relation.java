package org.unionaid.registry.domain;

public enum Relation {
    SPOUSE, CHILD, PARENT, SIBLING, GRANDCHILD, OTHER
}
