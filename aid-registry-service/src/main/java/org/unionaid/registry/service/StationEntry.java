package org.unionaid.registry.service;

import org.unionaid.registry.domain.StationLevel;

/** A new station, mapped from the request at the resource edge. */
public record StationEntry(String code, String name, String parentCode, StationLevel level) {
}
