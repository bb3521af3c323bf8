package org.unionaid.registry;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.unionaid.testsupport.DocumentSamples;
import org.unionaid.testsupport.PostgresResource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.idNumber;

/**
 * DOCUMENTS_STORE=s3 end to end: a document goes to a real S3 server, sealed, and comes back through the API; a row
 * the database refuses leaves no object behind; with the server stopped (last: it stays down) uploads and downloads
 * are 503 problems and nothing is recorded.
 */
@QuarkusTest
@TestProfile(S3DocumentStoreTest.S3Store.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3DocumentStoreTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource database;

    private static final String SECRET = "Income proof of Zhang San 110101199003070002";

    /** The registry with its documents in S3Proxy (a profile of its own: Quarkus starts again for it). */
    public static class S3Store implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresResource.class), new TestResourceEntry(S3Resource.class));
        }
    }

    @Test
    @Order(1)
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

    @Test
    @Order(2)
    void aDocumentWhoseRowTheDatabaseRefusesLeavesNoObjectInTheBucket() throws SQLException {
        Fixtures.Tree tree = Fixtures.stations();
        long file = Fixtures.pendingFile(tree.community(), idNumber(true));
        int objects = objects().size();
        long rows = documentRows();
        // a real failure of the row's transaction, after the object is stored: the database refuses the INSERT
        sql("CREATE FUNCTION test_refuse_document() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'the test refuses this row'; END $$");
        sql("CREATE TRIGGER test_refuse_document BEFORE INSERT ON file_document FOR EACH ROW EXECUTE FUNCTION test_refuse_document()");
        try {
            int status = upload(file, tree.community()).extract().statusCode();
            assertTrue(status >= 500, "a refused row is the server's failure: " + status);
        } finally {
            sql("DROP TRIGGER test_refuse_document ON file_document");
            sql("DROP FUNCTION test_refuse_document()");
        }
        assertEquals(objects, objects().size(), "the stored object was discarded with its row");
        assertEquals(rows, documentRows());
        // and with the database answering again the same upload is stored whole
        upload(file, tree.community()).statusCode(201);
        assertEquals(objects + 1, objects().size());
    }

    @Test
    @Order(3)
    void withTheStoreDownUploadsAndDownloadsAre503ProblemsAndNothingIsRecorded() throws Exception {
        Fixtures.Tree tree = Fixtures.stations();
        long file = Fixtures.pendingFile(tree.community(), idNumber(true));
        long id = upload(file, tree.community()).statusCode(201).extract().jsonPath().getLong("id");
        long rows = documentRows();
        S3Resource.outage();

        upload(file, tree.community()).statusCode(503).contentType(PROBLEM).header("Retry-After", "5")
                .body("type", endsWith("document-store-unavailable")).body("status", equalTo(503));
        assertEquals(rows, documentRows(), "no row for a document the store did not take");
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + file + "/documents/" + id + "/content")
                .then().statusCode(503).contentType(PROBLEM).body("type", endsWith("document-store-unavailable"));
        // what the registry knows of its documents does not need the store
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + file + "/documents")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem((int) id));
    }

    private static io.restassured.response.ValidatableResponse upload(long file, String station) {
        return given().header("Authorization", clerkOf(station)).contentType("application/pdf")
                .header("X-Document-Kind", "CONSENT").body(DocumentSamples.pdf("consent of file " + file))
                .post("/api/v1/workers/" + file + "/documents").then();
    }

    private long documentRows() throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM file_document")) {
            r.next();
            return r.getLong(1);
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static List<String> objects() {
        return S3Resource.blobs.getBlobStore().list(S3Resource.BUCKET).stream().map(StorageMetadata::getName).toList();
    }
}
