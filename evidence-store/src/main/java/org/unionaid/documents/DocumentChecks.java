package org.unionaid.documents;

import org.unionaid.common.problem.ProblemException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a document must be before anything is stored: not empty, at most 10 MiB, of an accepted type
 * that both its Content-Type and its bytes declare, and whole. Each refusal is a problem naming what
 * is wrong; none carries any of the document's bytes.
 */
public final class DocumentChecks {

    /** 10 MiB: the largest document accepted. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    static final int MAX_MIB = MAX_BYTES / (1024 * 1024);

    static final String ACCEPTED = Arrays.stream(DocumentType.values()).map(DocumentType::mediaType)
            .collect(Collectors.joining(", "));

    private DocumentChecks() {
    }

    /**
     * The type of a document whose Content-Type header said {@code declaredContentType}.
     * 400 {@code document-empty}, 413 {@code document-too-large}, 415 {@code document-type-unsupported},
     * {@code document-type-mismatch} or {@code document-type-unrecognised}, 400 {@code document-truncated}.
     */
    public static DocumentType check(String declaredContentType, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ProblemException(400, "document-empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        DocumentType declared = DocumentType.ofMediaType(declaredContentType)
                .orElseThrow(() -> new ProblemException(415, "document-type-unsupported", ACCEPTED));
        DocumentType actual = DocumentType.sniff(bytes)
                .orElseThrow(() -> new ProblemException(415, "document-type-unrecognised", declared.mediaType()));
        if (actual != declared) {
            throw new ProblemException(415, "document-type-mismatch", declared.mediaType(), actual.mediaType());
        }
        if (!declared.complete(bytes)) {
            throw new ProblemException(400, "document-truncated", declared.mediaType(), declared.endMarker());
        }
        return declared;
    }

    /**
     * A request body read whole, but never more than {@link #MAX_BYTES} + 1 bytes of it: a larger one is
     * refused (413) as soon as it shows, without holding the rest in memory.
     */
    public static byte[] readBody(InputStream body) {
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Request body could not be read", e);
        }
    }

    private static ProblemException tooLarge() {
        return new ProblemException(413, "document-too-large", MAX_MIB, MAX_BYTES);
    }
}
