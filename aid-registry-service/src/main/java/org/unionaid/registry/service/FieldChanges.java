package org.unionaid.registry.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The old and new value of each field a write changed, for its history entry: the names go in the clear
 * ({@code changedFields}), the values sealed together ({@link FileJournal}).
 */
public final class FieldChanges {

    /** A field's value before and after the change, as the file's answer shows it. */
    public record Change(Object before, Object after) {
    }

    private final Map<String, Change> changes = new LinkedHashMap<>();

    /** Records the change when the values differ; answers whether they did. */
    public boolean put(String field, Object before, Object after) {
        if (Objects.equals(before, after)) {
            return false;
        }
        changes.put(field, new Change(before, after));
        return true;
    }

    /**
     * Records the field as changed even when its shown value did not (a household given again keeps its entry
     * in the history, as it always had one).
     */
    public void putAlways(String field, Object before, Object after) {
        changes.put(field, new Change(before, after));
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public List<String> fields() {
        return new ArrayList<>(changes.keySet());
    }

    public Map<String, Change> asMap() {
        return changes;
    }
}
