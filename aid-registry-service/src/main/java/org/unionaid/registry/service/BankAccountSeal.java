package org.unionaid.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.registry.crypto.PersonalDataCipher;
import org.unionaid.registry.crypto.SealedColumns;
import org.unionaid.registry.domain.BankAccount;
import org.unionaid.registry.domain.BankAccountChange;
import org.unionaid.registry.domain.BankDetails;

import java.io.IOException;
import java.util.Optional;

/**
 * Bank accounts sealed and opened: a file's account ({@link SealedColumns#BANK_ACCOUNT}) and the change a history
 * entry keeps ({@link SealedColumns#EVENT_BANK_ACCOUNT}), each as one JSON value.
 */
@ApplicationScoped
public class BankAccountSeal {

    private final PersonalDataCipher cipher;
    private final ObjectMapper json;
    private final ObjectReader details;
    private final ObjectReader changes;

    BankAccountSeal(PersonalDataCipher cipher, ObjectMapper json) {
        this.cipher = cipher;
        this.json = json;
        this.details = json.readerFor(BankDetails.class);
        this.changes = json.readerFor(BankAccountChange.class);
    }

    /** The file's account, opened; empty when it has none. */
    public Optional<BankDetails> of(long fileId) {
        return BankAccount.<BankAccount>findByIdOptional(fileId).map(account -> open(account.accountEnc));
    }

    byte[] seal(BankDetails account) {
        return cipher.encrypt(write(account), SealedColumns.BANK_ACCOUNT);
    }

    BankDetails open(byte[] sealed) {
        return read(details, cipher.decryptBytes(sealed, SealedColumns.BANK_ACCOUNT));
    }

    byte[] sealChange(BankAccountChange change) {
        return cipher.encrypt(write(change), SealedColumns.EVENT_BANK_ACCOUNT);
    }

    /** A history entry's change, or null when the entry has none. */
    public BankAccountChange openChange(byte[] sealed) {
        return sealed == null ? null : read(changes, cipher.decryptBytes(sealed, SealedColumns.EVENT_BANK_ACCOUNT));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Bank account is not serialisable", e);
        }
    }

    private static <T> T read(ObjectReader reader, byte[] plain) {
        try {
            return reader.readValue(plain);
        } catch (IOException e) {
            throw new IllegalStateException("Stored bank account is unreadable", e);
        }
    }
}
