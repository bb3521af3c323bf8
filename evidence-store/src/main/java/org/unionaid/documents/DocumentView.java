package org.unionaid.documents;

import java.time.Instant;
import java.util.Map;

/** What an evidence document is, as every service answers it; its content is read apart. */
public record DocumentView(long id, String kind, String contentType, long size, String sha256, String uploadedBy,
                           Instant uploadedAt) {

    /** What the upload operations of every service say of their body (OpenAPI). */
    public static final String UPLOAD_RULES = "The raw body, Content-Type application/pdf, image/jpeg or image/png (checked"
            + " against the bytes, and that the file is whole), X-Document-Kind one of CONSENT, INCOME_PROOF, MEDICAL_BILL,"
            + " ADMISSION_LETTER, CERTIFICATE, RECEIPT, OTHER; at most 10 MiB (413). Sealed before it is stored.";

    public static DocumentView of(long id, StoredDocument stored, String uploadedBy, Instant uploadedAt) {
        return new DocumentView(id, stored.kind().name(), stored.contentType(), stored.size(), stored.sha256(),
                uploadedBy, uploadedAt);
    }

    /** The headers of a download: an attachment named by its id, never sniffed or kept by a cache. */
    public static Map<String, String> downloadHeaders(long id, String contentType) {
        String extension = switch (contentType) {
            case "application/pdf" -> ".pdf";
            case "image/jpeg" -> ".jpg";
            default -> ".png";
        };
        return Map.of("Content-Disposition", "attachment; filename=\"document-" + id + extension + "\"",
                "X-Content-Type-Options", "nosniff",
                "Cache-Control", "no-store");
    }
}
