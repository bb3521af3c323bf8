package org.unionaid.registry.domain;

public enum FileStatus {
    PENDING, ACTIVE, TEMPORARY, EXITED, REJECTED, CANCELLED
}
