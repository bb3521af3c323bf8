package org.unionaid.disbursement.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.AttributeConverter;
import org.unionaid.common.crypto.SealedValues;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An application's details (medical costs, student data: personal data) as the column holds them:
 * their JSON sealed by {@link DetailsCipher}. A NULL column (rows written by SQL without details)
 * reads as no details. A value that does not open fails the read: never a guess, never its bytes.
 */
@ApplicationScoped
public class SealedDetails implements AttributeConverter<Map<String, Object>, byte[]> {

    /** Bound to every sealed value as associated data. */
    public static final String PURPOSE = "application.details";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final DetailsCipher cipher;

    SealedDetails(DetailsCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public byte[] convertToDatabaseColumn(Map<String, Object> details) {
        try {
            return cipher.seal(JSON.writeValueAsBytes(details == null ? Map.of() : details), PURPOSE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Details are not JSON");
        }
    }

    @Override
    public Map<String, Object> convertToEntityAttribute(byte[] sealed) {
        if (sealed == null) {
            return new LinkedHashMap<>();
        }
        byte[] json;
        try {
            json = cipher.open(sealed, PURPOSE);
        } catch (SealedValues.Unreadable e) {
            Log.errorf("An application's details do not open with this service's key: %s", e.getMessage());
            throw e;
        }
        try {
            return JSON.readValue(json, MAP);
        } catch (IOException e) {
            throw new IllegalStateException("Sealed details are not a JSON object");
        }
    }
}
