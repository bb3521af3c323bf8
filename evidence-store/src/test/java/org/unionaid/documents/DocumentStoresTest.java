package org.unionaid.documents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentStoresTest {

    private static final S3Settings S3 = new S3Settings(URI.create("http://minio.documents:9000"), "cn-north-1",
            "evidence", "access", "secret");

    @TempDir
    Path folder;

    @Test
    void opensALocalFolderOrAnS3Bucket() {
        DocumentStore local = DocumentStores.open("local", Optional.of(folder), Optional.empty());
        assertEquals(folder.toAbsolutePath(), assertInstanceOf(LocalFolderStore.class, local).root());
        try (S3Store s3 = assertInstanceOf(S3Store.class, DocumentStores.open(" S3 ", Optional.empty(), Optional.of(S3)))) {
            assertEquals("evidence", s3.bucket());
        }
    }

    @Test
    void failsAtStartNamingTheSettingThatIsMissing() {
        assertTrue(assertThrows(IllegalStateException.class,
                () -> DocumentStores.open("ftp", Optional.of(folder), Optional.of(S3))).getMessage().contains("DOCUMENTS_STORE"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> DocumentStores.open(null, Optional.of(folder), Optional.of(S3))).getMessage().contains("DOCUMENTS_STORE"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> DocumentStores.open("local", Optional.empty(), Optional.of(S3))).getMessage().contains("DOCUMENTS_FOLDER"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> DocumentStores.open("s3", Optional.of(folder), Optional.empty())).getMessage().contains("S3_ENDPOINT"));
    }

    @Test
    void refusesS3SettingsWithAPartMissing() {
        URI endpoint = URI.create("https://s3.internal");
        assertThrows(IllegalArgumentException.class, () -> new S3Settings(endpoint, "r", " ", "a", "s"));
        assertThrows(IllegalArgumentException.class, () -> new S3Settings(endpoint, "r", "b", "a", ""));
        assertThrows(IllegalArgumentException.class, () -> new S3Settings(endpoint, "", "b", "a", "s"));
        assertThrows(IllegalArgumentException.class, () -> new S3Settings(URI.create("ftp://s3.internal"), "r", "b", "a", "s"));
        assertThrows(NullPointerException.class, () -> new S3Settings(null, "r", "b", "a", "s"));
    }
}
