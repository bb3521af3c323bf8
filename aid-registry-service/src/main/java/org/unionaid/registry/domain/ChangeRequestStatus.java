package org.unionaid.registry.domain;

public enum ChangeRequestStatus { PENDING, APPLIED, REJECTED }
