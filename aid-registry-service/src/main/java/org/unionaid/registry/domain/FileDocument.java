package org.unionaid.registry.domain;

import org.unionaid.documents.StoredDocument;

import java.time.Instant;

/** An evidence document of a file as recorded (table file_document): its sealed object's record, who added it and when. */
public record FileDocument(long id, long fileId, StoredDocument stored, String uploadedBy, Instant uploadedAt) {
}
