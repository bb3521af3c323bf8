package org.unionaid.documents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.unionaid.common.problem.ProblemException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DocumentKindTest {

    @ParameterizedTest
    @EnumSource(DocumentKind.class)
    void readsEveryKindByItsName(DocumentKind kind) {
        assertEquals(kind, DocumentKind.fromHeader(kind.name()));
    }

    @Test
    void knowsTheSevenKindsOfTheContract() {
        assertEquals(List.of("CONSENT", "INCOME_PROOF", "MEDICAL_BILL", "ADMISSION_LETTER", "CERTIFICATE", "RECEIPT", "OTHER"),
                java.util.Arrays.stream(DocumentKind.values()).map(Enum::name).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"consent", " CONSENT", "CONSENT ", "MEDICAL-BILL", "PHOTO", "", "CONSENT,RECEIPT", "0"})
    void refusesAnyOtherValueNamingTheHeaderButNotTheValue(String value) {
        ProblemException e = assertThrows(ProblemException.class, () -> DocumentKind.fromHeader(value));
        assertEquals(400, e.status());
        assertEquals("document-kind-invalid", e.code());
        assertEquals(List.of("X-Document-Kind",
                "CONSENT, INCOME_PROOF, MEDICAL_BILL, ADMISSION_LETTER, CERTIFICATE, RECEIPT, OTHER"), List.of(e.args()));
    }

    @Test
    void refusesAMissingHeader() {
        assertEquals("document-kind-invalid", assertThrows(ProblemException.class, () -> DocumentKind.fromHeader(null)).code());
    }
}
