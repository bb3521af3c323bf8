package org.unionaid.reporting.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What every report resource does with its answer: the bytes of a body, and the ETag value of what it depends on. */
final class ReportBodies {

    private ReportBodies() {
    }

    /** A CSV text as UTF-8, anything else as JSON. */
    static byte[] render(ObjectMapper json, Object body) {
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not render a report", e);
        }
    }

    /** 128 bits of the SHA-256 of {@code basis}, in hex: an ETag value. */
    static String fingerprint(String basis) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
