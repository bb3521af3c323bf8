package org.unionaid.documents;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unionaid.common.crypto.SealedValues;
import org.unionaid.common.problem.ProblemException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvidenceDocumentsTest {

    static final byte[] KEY = new byte[SealedValues.KEY_BYTES];
    static final byte[] OTHER_KEY = new byte[SealedValues.KEY_BYTES];

    static {
        KEY[0] = 1;
        OTHER_KEY[0] = 2;
    }

    @TempDir
    Path folder;

    private LocalFolderStore store;
    private EvidenceDocuments documents;

    @BeforeEach
    void setUp() {
        store = new LocalFolderStore(folder);
        documents = new EvidenceDocuments(store, SealedValues.of(KEY));
    }

    static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private List<byte[]> everythingOnDisk() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(path -> {
                try {
                    return Files.readAllBytes(path);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    @Test
    void recordsWhatItStoredAndGivesTheSameBytesBack() throws Exception {
        byte[] pdf = Samples.pdf();
        StoredDocument stored = documents.store(DocumentKind.CONSENT, "Application/PDF", pdf);
        assertEquals(DocumentKind.CONSENT, stored.kind());
        assertEquals("application/pdf", stored.contentType());
        assertEquals(pdf.length, stored.size());
        assertEquals(sha256Hex(pdf), stored.sha256());
        assertTrue(stored.key().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), stored.key());
        assertArrayEquals(pdf, documents.open(stored));

        StoredDocument image = documents.store(DocumentKind.MEDICAL_BILL, "image/jpeg", Samples.jpeg());
        assertNotEquals(stored.key(), image.key());
        assertArrayEquals(Samples.jpeg(), documents.open(image));
    }

    @Test
    void keepsNoPlainBytesOnDisk() throws Exception {
        byte[] pdf = Samples.pdf();
        documents.store(DocumentKind.CONSENT, "application/pdf", pdf);
        documents.store(DocumentKind.RECEIPT, "image/png", Samples.png());
        List<byte[]> onDisk = everythingOnDisk();
        assertEquals(2, onDisk.size());
        for (byte[] file : onDisk) {
            assertFalse(Samples.contains(file, "110101199003070002".getBytes(StandardCharsets.US_ASCII)), "the ID number at rest");
            assertFalse(Samples.contains(file, "Wang Fang".getBytes(StandardCharsets.US_ASCII)), "the name at rest");
            assertFalse(Samples.contains(file, "%PDF-".getBytes(StandardCharsets.US_ASCII)), "a PDF at rest");
            assertFalse(Samples.contains(file, "IHDR".getBytes(StandardCharsets.US_ASCII)), "a PNG at rest");
            assertEquals(1, file[0], "the sealed format of common's SealedValues");
        }
    }

    @Test
    void storesNothingWhenADocumentIsRefused() throws IOException {
        List<Supplier<StoredDocument>> refused = List.of(
                () -> documents.store(DocumentKind.CONSENT, "image/png", Samples.pdf()),
                () -> documents.store(DocumentKind.CONSENT, "application/pdf", new byte[0]),
                () -> documents.store(DocumentKind.CONSENT, "application/pdf", Samples.cut(Samples.pdf(), 4)),
                () -> documents.store(DocumentKind.CONSENT, "text/plain", Samples.pdf()),
                () -> documents.store(DocumentKind.CONSENT, "application/pdf", Samples.pdfOfSize(DocumentChecks.MAX_BYTES + 1)),
                () -> documents.store(null, "application/pdf", Samples.pdf()));
        for (Supplier<StoredDocument> attempt : refused) {
            assertThrows(ProblemException.class, attempt::get);
        }
        assertEquals(List.of(), everythingOnDisk());
        ProblemException noKind = assertThrows(ProblemException.class, refused.get(5)::get);
        assertEquals("document-kind-invalid", noKind.code());
    }

    @Test
    void refusesToOpenAnObjectPutInAnotherDocumentsPlace() throws Exception {
        StoredDocument consent = documents.store(DocumentKind.CONSENT, "application/pdf", Samples.pdf());
        StoredDocument bill = documents.store(DocumentKind.MEDICAL_BILL, "image/png", Samples.png());
        // Someone with access to the storage copies the bill's object over the consent's.
        byte[] billObject = store.get(bill.key()).orElseThrow();
        store.delete(consent.key());
        store.put(consent.key(), billObject);
        DocumentUnreadable e = assertThrows(DocumentUnreadable.class, () -> documents.open(consent));
        assertEquals(DocumentUnreadable.Reason.UNSEALABLE, e.reason());
    }

    @Test
    void refusesBytesThatDoNotMatchTheRecordedDigest() throws Exception {
        StoredDocument stored = documents.store(DocumentKind.CONSENT, "application/pdf", Samples.pdf());
        StoredDocument altered = new StoredDocument(stored.key(), stored.kind(), stored.contentType(), stored.size(),
                sha256Hex(Samples.png()));
        assertEquals(DocumentUnreadable.Reason.DIGEST_MISMATCH,
                assertThrows(DocumentUnreadable.class, () -> documents.open(altered)).reason());
        StoredDocument resized = new StoredDocument(stored.key(), stored.kind(), stored.contentType(), stored.size() - 1,
                stored.sha256());
        assertEquals(DocumentUnreadable.Reason.DIGEST_MISMATCH,
                assertThrows(DocumentUnreadable.class, () -> documents.open(resized)).reason());
    }

    @Test
    void tellsAMissingObjectFromADamagedOne() throws Exception {
        StoredDocument stored = documents.store(DocumentKind.CONSENT, "application/pdf", Samples.pdf());
        documents.discard(stored);
        assertEquals(DocumentUnreadable.Reason.MISSING,
                assertThrows(DocumentUnreadable.class, () -> documents.open(stored)).reason());

        StoredDocument again = documents.store(DocumentKind.CONSENT, "application/pdf", Samples.pdf());
        Path file = folder.resolve(again.key());
        byte[] damaged = Files.readAllBytes(file);
        damaged[damaged.length / 2] ^= 1;
        Files.write(file, damaged);
        DocumentUnreadable e = assertThrows(DocumentUnreadable.class, () -> documents.open(again));
        assertEquals(DocumentUnreadable.Reason.UNSEALABLE, e.reason());
        assertFalse(e.getMessage().contains("Wang"), e.getMessage());
    }

    @Test
    void opensDocumentsSealedBeforeAKeyRotation() {
        StoredDocument stored = new EvidenceDocuments(store, SealedValues.of(OTHER_KEY))
                .store(DocumentKind.INCOME_PROOF, "image/png", Samples.png());
        assertEquals(DocumentUnreadable.Reason.UNSEALABLE,
                assertThrows(DocumentUnreadable.class, () -> documents.open(stored)).reason());
        EvidenceDocuments rotated = new EvidenceDocuments(store, SealedValues.of(KEY, List.of(OTHER_KEY)));
        assertArrayEquals(Samples.png(), rotated.open(stored));
    }
}
