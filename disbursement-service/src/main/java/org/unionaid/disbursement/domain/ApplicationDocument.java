package org.unionaid.disbursement.domain;

import org.unionaid.documents.StoredDocument;

import java.time.Instant;

/** An evidence document of an application as recorded (table application_document). */
public record ApplicationDocument(long id, long applicationId, StoredDocument stored, String uploadedBy, Instant uploadedAt) {
}
