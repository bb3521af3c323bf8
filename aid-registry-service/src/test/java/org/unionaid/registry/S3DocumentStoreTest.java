package org.unionaid.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.DocumentSamples;
import org.unionaid.testsupport.PostgresResource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.idNumber;

/** DOCUMENTS_STORE=s3 end to end: a document goes to a real S3 server, sealed, and comes back through the API. */
@QuarkusTest
@TestProfile(S3DocumentStoreTest.S3Store.class)
class S3DocumentStoreTest {

    private static final String SECRET = "Income proof of Zhang San 110101199003070002";

    /** The registry with its documents in S3Proxy (a profile of its own: Quarkus starts again for it). */
    public static class S3Store implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresResource.class), new TestResourceEntry(S3Resource.class));
        }
    }

    @Test
    void storesDocumentsSealedInTheBucketAndGivesThemBack() throws IOException {
        Fixtures.Tree tree = Fixtures.stations();
        long file = Fixtures.pendingFile(tree.community(), idNumber(true));
        byte[] pdf = DocumentSamples.pdf(SECRET);
        int before = objects().size();
        long id = given().header("Authorization", clerkOf(tree.community())).contentType("application/pdf")
                .header("X-Document-Kind", "INCOME_PROOF").body(pdf).post("/api/v1/workers/" + file + "/documents")
                .then().statusCode(201).body("sha256", equalTo(DocumentSamples.sha256(pdf)))
                .extract().jsonPath().getLong("id");

        List<String> keys = objects();
        assertEquals(before + 1, keys.size());
        for (String key : keys) {
            byte[] stored;
            try (InputStream in = S3Resource.blobs.getBlobStore().getBlob(S3Resource.BUCKET, key).getPayload().openStream()) {
                stored = in.readAllBytes();
            }
            assertFalse(DocumentSamples.contains(stored, SECRET.getBytes(StandardCharsets.ISO_8859_1)), key);
            assertFalse(DocumentSamples.contains(stored, "%PDF-".getBytes(StandardCharsets.ISO_8859_1)), key);
        }

        byte[] back = given().header("Authorization", REVIEWER).get("/api/v1/workers/" + file + "/documents/" + id + "/content")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertArrayEquals(pdf, back);

        // a refused document reaches no bucket
        given().header("Authorization", REVIEWER).contentType("image/png").header("X-Document-Kind", "INCOME_PROOF")
                .body(pdf).post("/api/v1/workers/" + file + "/documents").then().statusCode(415);
        assertEquals(before + 1, objects().size());
    }

    private static List<String> objects() {
        return S3Resource.blobs.getBlobStore().list(S3Resource.BUCKET).stream().map(StorageMetadata::getName).toList();
    }
}
