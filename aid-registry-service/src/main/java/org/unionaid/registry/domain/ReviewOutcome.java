package org.unionaid.registry.domain;

/** What a yearly review's figures say: the household is still within a line, or above every line. */
public enum ReviewOutcome { ELIGIBLE, ABOVE_LINE }
