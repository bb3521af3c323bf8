package org.unionaid.registry.service.view;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A changed field's values as a history entry shows them under {@code changes}: {field: {before, after}}. The
 * contract's name for that shape; the entries carry it as JSON read from the sealed journal.
 */
@Schema(name = "FieldChange", description = "A field's value before and after the change: any JSON value (text, number, date, list or object); null for a field not set before")
public record FieldChange(Object before, Object after) {
}
