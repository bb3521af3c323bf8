package org.unionaid.registry.service.view;

import java.util.List;

/** What a legacy import answers: per item its new file id or why it was not imported. */
public final class ImportViews {

    private ImportViews() {
    }

    /** What happened to each item: its new file id, or why it was not imported. */
    public record ItemResult(int index, Long id, ItemError error) {
    }

    public record ItemError(String type, String detail) {
    }

    public record ImportResult(int imported, List<ItemResult> results) {
    }
}
