package org.unionaid.registry;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.DocumentSamples;
import org.unionaid.testsupport.PostgresResource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.testsupport.TestTokens.bearer;

/** Evidence documents of files: upload, list and download per role and station, what is refused, the access log, at rest. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class EvidenceDocumentTest {

    private static final String PROBLEM = "application/problem+json";
    /** What a consent form says: never to be found in the document folder. */
    private static final String SECRET = "Consent of Zhang San 110101199003070002";
    private static final int MIB_10 = 10 * 1024 * 1024;

    @Inject
    AgroalDataSource database;

    @ConfigProperty(name = "union-aid.documents.folder")
    String folder;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    URI base;

    private Fixtures.Tree tree;
    private long file;

    @BeforeEach
    void aFile() {
        tree = Fixtures.stations();
        file = Fixtures.pendingFile(tree.community(), idNumber(true));
    }

    private static Response upload(String bearer, long fileId, String contentType, String kind, byte[] body) {
        var request = given().header("Authorization", bearer).contentType(contentType).body(body);
        if (kind != null) {
            request.header("X-Document-Kind", kind);
        }
        return request.post("/api/v1/workers/" + fileId + "/documents");
    }

    @Test
    void storesListsAndGivesBackADocumentWithItsDigest() throws Exception {
        byte[] pdf = DocumentSamples.pdf(SECRET);
        long before = documentRows();
        Response created = upload(clerkOf(tree.community()), file, "application/pdf", "CONSENT", pdf);
        created.then().statusCode(201).contentType("application/json")
                .body("kind", equalTo("CONSENT")).body("contentType", equalTo("application/pdf"))
                .body("size", equalTo(pdf.length)).body("sha256", equalTo(DocumentSamples.sha256(pdf)))
                .body("uploadedBy", equalTo("clerk-" + tree.community()));
        long id = created.jsonPath().getLong("id");
        created.then().header("Location", endsWith("/api/v1/workers/" + file + "/documents/" + id));
        assertEquals(before + 1, documentRows());

        byte[] png = DocumentSamples.png();
        long second = upload(REVIEWER, file, "image/png", "MEDICAL_BILL", png).then().statusCode(201)
                .extract().jsonPath().getLong("id");

        given().header("Authorization", bearer("finance")).get("/api/v1/workers/" + file + "/documents")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of((int) id, (int) second)))
                .body("items.kind", equalTo(List.of("CONSENT", "MEDICAL_BILL")))
                .body("items[1].sha256", equalTo(DocumentSamples.sha256(png)));
        given().header("Authorization", REVIEWER).queryParam("limit", 1).get("/api/v1/workers/" + file + "/documents")
                .then().statusCode(200).body("items.id", equalTo(List.of((int) id)))
                .header("Link", org.hamcrest.Matchers.containsString("rel=\"next\""));

        Response content = given().header("Authorization", clerkOf(tree.district()))
                .get("/api/v1/workers/" + file + "/documents/" + id + "/content");
        content.then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", startsWith("attachment"))
                .header("X-Content-Type-Options", "nosniff");
        assertArrayEquals(pdf, content.asByteArray());
        assertEquals(DocumentSamples.sha256(pdf), DocumentSamples.sha256(content.asByteArray()));
        given().header("Authorization", bearer("admin")).get("/api/v1/workers/" + file + "/documents/" + second + "/content")
                .then().statusCode(200).contentType("image/png");

        // the reads (two pages of the list, two downloads), each a row DOCUMENT of the file's access log
        assertEquals(List.of("test-finance:DOCUMENT", "reviewer-wang:DOCUMENT", "clerk-" + tree.district() + ":DOCUMENT",
                "test-admin:DOCUMENT"), documentReads(file));
    }

    @Test
    void keepsToTheStationsOfTheFile() {
        byte[] pdf = DocumentSamples.pdf("station scoping");
        upload(clerkOf(tree.otherCommunity()), file, "application/pdf", "INCOME_PROOF", pdf).then().statusCode(404)
                .contentType(PROBLEM);
        upload(bearer("finance"), file, "application/pdf", "INCOME_PROOF", pdf).then().statusCode(403).contentType(PROBLEM);
        upload(bearer("admin"), file, "application/pdf", "INCOME_PROOF", pdf).then().statusCode(403).contentType(PROBLEM);
        long id = upload(clerkOf(tree.city()), file, "application/pdf", "INCOME_PROOF", pdf).then().statusCode(201)
                .extract().jsonPath().getLong("id");

        String other = clerkOf(tree.otherCommunity());
        given().header("Authorization", other).get("/api/v1/workers/" + file + "/documents").then().statusCode(404)
                .contentType(PROBLEM);
        given().header("Authorization", other).get("/api/v1/workers/" + file + "/documents/" + id + "/content")
                .then().statusCode(404).contentType(PROBLEM);
        given().header("Authorization", bearer("service")).get("/api/v1/workers/" + file + "/documents").then().statusCode(403);
        // none of the refused reads is in the log
        assertEquals(List.of(), documentReads(file));
    }

    @Test
    void aDocumentOfAnotherFileIsNotFound() {
        long otherFile = Fixtures.pendingFile(tree.community(), idNumber(false));
        long id = upload(REVIEWER, otherFile, "image/jpeg", "RECEIPT", DocumentSamples.jpeg()).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + file + "/documents/" + id + "/content")
                .then().statusCode(404).contentType(PROBLEM);
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + file + "/documents/" + id)
                .then().statusCode(404).contentType(PROBLEM);
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + file + "/documents/99999999/content")
                .then().statusCode(404).contentType(PROBLEM);
        given().header("Authorization", REVIEWER).get("/api/v1/workers/99999999/documents").then().statusCode(404);
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + otherFile + "/documents/" + id + "/content")
                .then().statusCode(200).contentType("image/jpeg");
    }

    @Test
    void refusesBadDocumentsAndStoresNothing() throws Exception {
        String clerk = clerkOf(tree.community());
        long rows = documentRows();
        long objects = objectsOnDisk();
        byte[] pdf = DocumentSamples.pdf("bad input");
        byte[] png = DocumentSamples.png();

        upload(clerk, file, "application/pdf", "CONSENT", png).then().statusCode(415).contentType(PROBLEM)
                .body("type", equalTo("urn:union-aid:problem:document-type-mismatch"))
                .body("detail", equalTo("The bytes are not application/pdf as the Content-Type says; they are image/png."));
        upload(clerk, file, "application/pdf", "CONSENT", Arrays.copyOf(pdf, pdf.length - 8)).then().statusCode(400)
                .contentType(PROBLEM).body("type", equalTo("urn:union-aid:problem:document-truncated"));
        upload(clerk, file, "image/png", "CONSENT", Arrays.copyOf(png, png.length - 12)).then().statusCode(400)
                .body("type", equalTo("urn:union-aid:problem:document-truncated"));
        upload(clerk, file, "application/pdf", "CONSENT", new byte[0]).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:union-aid:problem:document-empty"));
        upload(clerk, file, "text/plain", "CONSENT", "hello".getBytes(StandardCharsets.UTF_8)).then().statusCode(415)
                .contentType(PROBLEM).body("type", equalTo("urn:union-aid:problem:document-type-unsupported"));
        upload(clerk, file, "application/pdf", null, pdf).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:union-aid:problem:document-kind-invalid"));
        upload(clerk, file, "application/pdf", "consent", pdf).then().statusCode(400)
                .body("type", equalTo("urn:union-aid:problem:document-kind-invalid"))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("consent,")));
        given().header("Authorization", clerk).header("Accept-Language", "zh").contentType("application/pdf")
                .header("X-Document-Kind", "CONSENT").body(new byte[0]).post("/api/v1/workers/" + file + "/documents")
                .then().statusCode(400).body("title", equalTo("材料为空"));

        byte[] tooLarge = DocumentSamples.pdf("too large", MIB_10 + 1);
        assertEquals(MIB_10 + 1, tooLarge.length);
        upload(clerk, file, "application/pdf", "CONSENT", tooLarge).then().statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("urn:union-aid:problem:document-too-large"))
                .body("detail", equalTo("The document is larger than 10 MiB (10485760 bytes)."));
        // sent in chunks, without a length: read to 10 MiB + 1 byte, then the same problem
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        base.resolve("/api/v1/workers/" + file + "/documents"))
                .header("Authorization", clerk).header("Content-Type", "application/pdf").header("X-Document-Kind", "CONSENT")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        DocumentSamples.pdf("too large", 3 * MIB_10)))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode());
        assertEquals(PROBLEM, chunked.headers().firstValue("Content-Type").orElse(""));
        assertTrue(chunked.body().contains("urn:union-aid:problem:document-too-large"), chunked.body());

        assertEquals(rows, documentRows());
        assertEquals(objects, objectsOnDisk());
    }

    @Test
    void takesTenMebibytesExactly() {
        byte[] largest = DocumentSamples.pdf("largest", MIB_10);
        assertEquals(MIB_10, largest.length);
        long id = upload(REVIEWER, file, "application/pdf", "CERTIFICATE", largest).then().statusCode(201)
                .body("size", equalTo(MIB_10)).extract().jsonPath().getLong("id");
        byte[] back = given().header("Authorization", REVIEWER).get("/api/v1/workers/" + file + "/documents/" + id + "/content")
                .then().statusCode(200).extract().asByteArray();
        assertEquals(DocumentSamples.sha256(largest), DocumentSamples.sha256(back));
    }

    @Test
    void keepsDocumentsSealedOnDisk() throws Exception {
        byte[] pdf = DocumentSamples.pdf(SECRET);
        upload(clerkOf(tree.community()), file, "application/pdf", "CONSENT", pdf).then().statusCode(201);
        byte[] secret = SECRET.getBytes(StandardCharsets.ISO_8859_1);
        byte[] header = "%PDF-".getBytes(StandardCharsets.ISO_8859_1);
        List<Path> objects = objects();
        assertFalse(objects.isEmpty());
        for (Path object : objects) {
            byte[] stored = Files.readAllBytes(object);
            assertFalse(DocumentSamples.contains(stored, secret), object + " holds the document's text");
            assertFalse(DocumentSamples.contains(stored, header), object + " holds a plain PDF");
        }
    }

    private List<Path> objects() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private long objectsOnDisk() throws IOException {
        return objects().size();
    }

    private long documentRows() throws SQLException {
        try (Connection c = database.getConnection(); ResultSet r = c.createStatement()
                .executeQuery("SELECT count(*) FROM file_document")) {
            r.next();
            return r.getLong(1);
        }
    }

    private List<String> documentReads(long fileId) {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT actor, purpose FROM file_access WHERE file_id = ? AND purpose = 'DOCUMENT' ORDER BY id")) {
            s.setLong(1, fileId);
            List<String> reads = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    reads.add(r.getString(1) + ":" + r.getString(2));
                }
            }
            return reads;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
