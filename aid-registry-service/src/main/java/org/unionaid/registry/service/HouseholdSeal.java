package org.unionaid.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.registry.crypto.PersonalDataCipher;
import org.unionaid.registry.crypto.SealedColumns;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.Household;

import java.io.IOException;
import java.util.Optional;

/** A file's household sealed into its row, and opened again; storing it sets the file's size and category. */
@ApplicationScoped
public class HouseholdSeal {

    private final PersonalDataCipher cipher;
    private final ObjectMapper json;
    /** Reads the decrypted household's UTF-8 bytes directly: no String in between, no per-call type lookup. */
    private final ObjectReader households;
    private final HouseholdAssessor assessor;

    HouseholdSeal(PersonalDataCipher cipher, ObjectMapper json, HouseholdAssessor assessor) {
        this.cipher = cipher;
        this.json = json;
        this.households = json.readerFor(Household.class);
        this.assessor = assessor;
    }

    public void store(HardshipFile file, Household household) {
        store(file, household, FileRules.thisYear());
    }

    /** Seals the household into the file; the category is the year's, kept as it was when above every line. */
    public void store(HardshipFile file, Household household, int year) {
        file.householdSize = household.size();
        file.category = Optional.ofNullable(assessor.categoryOf(household, year)).orElse(file.category);
        file.householdEnc = seal(household);
    }

    public byte[] seal(Household household) {
        return seal(household, SealedColumns.HOUSEHOLD);
    }

    /** A household sealed for another column (a yearly review's), under that column's purpose. */
    public byte[] seal(Household household, String purpose) {
        try {
            return cipher.encrypt(json.writeValueAsString(household), purpose);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Household is not serialisable", e);
        }
    }

    public Household open(HardshipFile file) {
        return open(file.householdEnc, SealedColumns.HOUSEHOLD);
    }

    public Household open(byte[] sealed, String purpose) {
        try {
            return households.readValue(cipher.decryptBytes(sealed, purpose));
        } catch (IOException e) {
            throw new IllegalStateException("Stored household is unreadable", e);
        }
    }
}
