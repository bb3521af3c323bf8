package org.unionaid.documents;

import org.unionaid.common.problem.ProblemException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a document proves; sent by the client in the {@code X-Document-Kind} header. */
public enum DocumentKind {
    CONSENT,
    INCOME_PROOF,
    MEDICAL_BILL,
    ADMISSION_LETTER,
    CERTIFICATE,
    RECEIPT,
    OTHER;

    /** The header the kind travels in. */
    public static final String HEADER = "X-Document-Kind";

    /** The kinds as the problem detail lists them. */
    static final String ALLOWED = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

    /**
     * The kind named by the header's value, exactly as spelt here (no trimming, no case folding: a
     * client that sends {@code consent} or {@code " CONSENT"} has a bug worth seeing). Missing or
     * unknown: 400 {@code document-kind-invalid} naming the header and the kinds, never the value sent.
     */
    public static DocumentKind fromHeader(String value) {
        if (value != null) {
            for (DocumentKind kind : values()) {
                if (kind.name().equals(value)) {
                    return kind;
                }
            }
        }
        throw invalid();
    }

    static ProblemException invalid() {
        return new ProblemException(400, "document-kind-invalid", HEADER, ALLOWED);
    }
}
