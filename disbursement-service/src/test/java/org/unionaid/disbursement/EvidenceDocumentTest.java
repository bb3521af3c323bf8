package org.unionaid.disbursement;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.DocumentSamples;
import org.unionaid.testsupport.PostgresResource;

import java.io.IOException;
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
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.unionaid.disbursement.support.Api.ADMIN;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.CLERK_B;
import static org.unionaid.disbursement.support.Api.FINANCE;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.freshYear;
import static org.unionaid.disbursement.support.Api.submit;

/** Evidence documents of applications: round trip, roles and stations, what is refused, Idempotency-Key, the access log, at rest. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class EvidenceDocumentTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String SECRET = "Medical bill of Li Si 110101199003070002";
    private static final int MIB_10 = 10 * 1024 * 1024;

    @Inject
    AgroalDataSource database;

    @ConfigProperty(name = "union-aid.documents.folder")
    String folder;

    private long application;

    @BeforeEach
    void anApplication() {
        Stub.stations();
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("SERIOUS_ILLNESS", year, "100000");
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        application = submit("SERIOUS_ILLNESS", worker, year, "100.00",
                "{\"medicalBills\": \"B\", \"outOfPocket\": \"8000\", \"totalCost\": \"9000\"}");
    }

    private static Response upload(String bearer, long id, String contentType, String kind, byte[] body, String key) {
        var request = given().header("Authorization", bearer).contentType(contentType).body(body);
        if (kind != null) {
            request.header("X-Document-Kind", kind);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/applications/" + id + "/documents");
    }

    @Test
    void storesListsAndGivesBackADocumentWithItsDigest() {
        byte[] pdf = DocumentSamples.pdf(SECRET);
        Response created = upload(CLERK_A, application, "application/pdf", "MEDICAL_BILL", pdf, null);
        created.then().statusCode(201).contentType("application/json")
                .body("kind", equalTo("MEDICAL_BILL")).body("contentType", equalTo("application/pdf"))
                .body("size", equalTo(pdf.length)).body("sha256", equalTo(DocumentSamples.sha256(pdf)));
        long id = created.jsonPath().getLong("id");
        created.then().header("Location", endsWith("/api/v1/applications/" + application + "/documents/" + id));
        byte[] jpeg = DocumentSamples.jpeg();
        long receipt = upload(REVIEWER, application, "image/jpeg", "RECEIPT", jpeg, null).then().statusCode(201)
                .extract().jsonPath().getLong("id");

        given().header("Authorization", FINANCE).get("/api/v1/applications/" + application + "/documents").then()
                .statusCode(200).body("items.id", equalTo(List.of((int) id, (int) receipt)))
                .body("items.kind", equalTo(List.of("MEDICAL_BILL", "RECEIPT")));
        Response content = given().header("Authorization", ADMIN)
                .get("/api/v1/applications/" + application + "/documents/" + id + "/content");
        content.then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", startsWith("attachment"))
                .header("X-Content-Type-Options", "nosniff");
        assertArrayEquals(pdf, content.asByteArray());
        assertEquals(DocumentSamples.sha256(pdf), DocumentSamples.sha256(content.asByteArray()));

        assertEquals(List.of("finance-zhao:LIST:null", "admin-sun:CONTENT:" + id), reads(application));
    }

    @Test
    void keepsToTheStationOfTheApplication() {
        byte[] pdf = DocumentSamples.pdf("scoping");
        upload(CLERK_B, application, "application/pdf", "CONSENT", pdf, null).then().statusCode(404).contentType(PROBLEM);
        upload(FINANCE, application, "application/pdf", "CONSENT", pdf, null).then().statusCode(403).contentType(PROBLEM);
        long id = upload(CLERK_A, application, "application/pdf", "CONSENT", pdf, null).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        given().header("Authorization", CLERK_B).get("/api/v1/applications/" + application + "/documents").then()
                .statusCode(404).contentType(PROBLEM);
        given().header("Authorization", CLERK_B).get("/api/v1/applications/" + application + "/documents/" + id + "/content")
                .then().statusCode(404).contentType(PROBLEM);
        assertEquals(List.of(), reads(application));
    }

    @Test
    void aDocumentOfAnotherApplicationIsNotFound() {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("SERIOUS_ILLNESS", year, "100000");
        long other = submit("SERIOUS_ILLNESS", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "100.00",
                "{\"medicalBills\": \"B\", \"outOfPocket\": \"8000\", \"totalCost\": \"9000\"}");
        long id = upload(CLERK_A, other, "image/png", "RECEIPT", DocumentSamples.png(), null).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        given().header("Authorization", REVIEWER).get("/api/v1/applications/" + application + "/documents/" + id + "/content")
                .then().statusCode(404).contentType(PROBLEM);
        given().header("Authorization", REVIEWER).get("/api/v1/applications/" + other + "/documents/" + id + "/content")
                .then().statusCode(200).contentType("image/png");
    }

    @Test
    void replaysAnUploadUnderItsIdempotencyKeyAndStoresItOnce() throws Exception {
        byte[] pdf = DocumentSamples.pdf("retried upload");
        String key = UUID.randomUUID().toString();
        long objects = objectsOnDisk();
        long first = upload(CLERK_A, application, "application/pdf", "CONSENT", pdf, key).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        upload(CLERK_A, application, "application/pdf", "CONSENT", pdf, key).then().statusCode(201)
                .header("Idempotency-Replayed", "true").body("id", equalTo((int) first));
        upload(CLERK_A, application, "application/pdf", "CONSENT", DocumentSamples.pdf("another"), key).then()
                .statusCode(422).contentType(PROBLEM);
        assertEquals(1, documentRows(application));
        assertEquals(objects + 1, objectsOnDisk());
    }

    @Test
    void refusesBadDocumentsAndStoresNothing() throws Exception {
        long objects = objectsOnDisk();
        byte[] pdf = DocumentSamples.pdf("bad input");
        upload(CLERK_A, application, "image/png", "CONSENT", pdf, null).then().statusCode(415).contentType(PROBLEM)
                .body("type", equalTo("urn:union-aid:problem:document-type-mismatch"));
        upload(CLERK_A, application, "application/pdf", "CONSENT", Arrays.copyOf(pdf, pdf.length - 7), null).then()
                .statusCode(400).body("type", equalTo("urn:union-aid:problem:document-truncated"));
        upload(CLERK_A, application, "application/pdf", "CONSENT", new byte[0], null).then().statusCode(400)
                .body("type", equalTo("urn:union-aid:problem:document-empty"));
        upload(CLERK_A, application, "application/pdf", "PHOTO", pdf, null).then().statusCode(400)
                .body("type", equalTo("urn:union-aid:problem:document-kind-invalid"));
        upload(CLERK_A, application, "application/pdf", "CONSENT", DocumentSamples.pdf("big", MIB_10 + 1), null).then()
                .statusCode(413).contentType(PROBLEM).body("type", equalTo("urn:union-aid:problem:document-too-large"));
        upload(CLERK_A, 99_999_999, "application/pdf", "CONSENT", pdf, null).then().statusCode(404).contentType(PROBLEM);
        assertEquals(0, documentRows(application));
        assertEquals(objects, objectsOnDisk());
    }

    @Test
    void keepsDocumentsSealedOnDisk() throws Exception {
        upload(CLERK_A, application, "application/pdf", "MEDICAL_BILL", DocumentSamples.pdf(SECRET), null).then().statusCode(201);
        for (Path object : objects()) {
            byte[] stored = Files.readAllBytes(object);
            assertFalse(DocumentSamples.contains(stored, SECRET.getBytes(StandardCharsets.ISO_8859_1)), object.toString());
            assertFalse(DocumentSamples.contains(stored, "%PDF-".getBytes(StandardCharsets.ISO_8859_1)), object.toString());
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

    private long documentRows(long applicationId) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM application_document WHERE application_id = ?")) {
            s.setLong(1, applicationId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private List<String> reads(long applicationId) {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT actor, purpose, document_id FROM application_document_access WHERE application_id = ? ORDER BY id")) {
            s.setLong(1, applicationId);
            List<String> reads = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    reads.add(r.getString(1) + ":" + r.getString(2) + ":" + r.getString(3));
                }
            }
            return reads;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
