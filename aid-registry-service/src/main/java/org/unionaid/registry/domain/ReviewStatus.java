package org.unionaid.registry.domain;

/** A yearly review: waiting for a reviewer, or decided (within the line applied or rejected, above it exited or kept). */
public enum ReviewStatus { PENDING, APPLIED, REJECTED, EXITED, KEPT }
