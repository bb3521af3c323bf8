package org.unionaid.registry.domain;

public enum CheckStep {
    FIRST_REVIEW, HOME_VISIT, MEANS_CHECK, PUBLIC_NOTICE
}
