package org.unionaid.disbursement.crypto;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.AttributeConverter;
import org.unionaid.common.crypto.SealedValues;

import java.nio.charset.StandardCharsets;

/**
 * A free text of staff (a decision's or a reversal's reason, a reversal's reference) as its column holds it: its
 * UTF-8 sealed by {@link DetailsCipher} with the column's purpose ({@link SealedColumns}). Such texts may carry a
 * household's health or income ("癌症晚期，月收入不足800元"), so they are never stored in the clear. NULL stays NULL.
 * A value that does not open fails the read: never a guess, never its bytes in the log. One converter per column
 * (each a bean with the cipher injected, like {@link SealedDetails}; Quarkus's Hibernate finds the direct
 * implementors of {@link AttributeConverter} as beans).
 */
public final class SealedText {

    private SealedText() {
    }

    static byte[] seal(DetailsCipher cipher, String text, String purpose) {
        return text == null ? null : cipher.seal(text.getBytes(StandardCharsets.UTF_8), purpose);
    }

    static String open(DetailsCipher cipher, byte[] sealed, String purpose) {
        if (sealed == null) {
            return null;
        }
        try {
            return new String(cipher.open(sealed, purpose), StandardCharsets.UTF_8);
        } catch (SealedValues.Unreadable e) {
            Log.errorf("A sealed %s does not open with this service's key: %s", purpose, e.getMessage());
            throw e;
        }
    }

    /** A text column sealed under its own purpose: each column below differs in its purpose only. */
    abstract static class Column implements AttributeConverter<String, byte[]> {

        private DetailsCipher cipher;
        private String purpose;

        /** For the client proxy of the application-scoped columns only. */
        Column() {
        }

        Column(DetailsCipher cipher, String purpose) {
            this.cipher = cipher;
            this.purpose = purpose;
        }

        @Override
        public byte[] convertToDatabaseColumn(String text) {
            return seal(cipher, text, purpose);
        }

        @Override
        public String convertToEntityAttribute(byte[] sealed) {
            return open(cipher, sealed, purpose);
        }
    }

    /** {@code application.reason}: why it was approved, rejected or cancelled. */
    @ApplicationScoped
    public static class ApplicationReason extends Column {
        ApplicationReason(DetailsCipher cipher) {
            super(cipher, SealedColumns.APPLICATION_REASON);
        }
    }

    /** {@code payout.reversal_reason}. */
    @ApplicationScoped
    public static class ReversalReason extends Column {
        ReversalReason(DetailsCipher cipher) {
            super(cipher, SealedColumns.REVERSAL_REASON);
        }
    }

    /** {@code payout.reversal_reference}. */
    @ApplicationScoped
    public static class ReversalReference extends Column {
        ReversalReference(DetailsCipher cipher) {
            super(cipher, SealedColumns.REVERSAL_REFERENCE);
        }
    }

    /** {@code payout.failure_message}: the bank's message for a failed transfer. */
    @ApplicationScoped
    public static class FailureMessage extends Column {
        FailureMessage(DetailsCipher cipher) {
            super(cipher, SealedColumns.FAILURE_MESSAGE);
        }
    }
}
