package org.unionaid.registry.domain;

public enum ExitReason {
    INCOME_ABOVE_LINE, DEATH, MISIDENTIFIED, TRANSFERRED_TO_GOVERNMENT
}
