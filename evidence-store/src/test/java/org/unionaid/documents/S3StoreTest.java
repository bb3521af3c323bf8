package org.unionaid.documents;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unionaid.common.crypto.SealedValues;
import org.unionaid.common.problem.ProblemException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3Store against a real S3 server: S3Proxy on a free port, over a transient (in-memory) blob store. */
class S3StoreTest {

    private static final String ACCESS_KEY = "evidence-test";
    private static final String SECRET_KEY = "evidence-test-secret";
    private static final String BUCKET = "evidence";
    private static final String KEY = "5d1c6e0a-3b7f-4a57-8e0e-2c9a2b6f4d10";

    private static BlobStoreContext blobs;
    private static S3Proxy proxy;
    private static S3Settings settings;
    private static S3Client raw;
    private static S3Store store;

    @BeforeAll
    static void startS3() throws Exception {
        blobs = ContextBuilder.newBuilder("transient").credentials(ACCESS_KEY, SECRET_KEY).build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.onSpinWait();
        }
        settings = new S3Settings(URI.create("http://127.0.0.1:" + proxy.getPort()), "us-east-1", BUCKET, ACCESS_KEY, SECRET_KEY);
        raw = S3Store.client(settings);
        raw.createBucket(request -> request.bucket(BUCKET));
        store = S3Store.connect(settings);
    }

    @AfterAll
    static void stopS3() throws Exception {
        store.close();
        raw.close();
        proxy.stop();
        blobs.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String newKey() {
        return java.util.UUID.randomUUID().toString();
    }

    /** The object as S3 holds it, read past the store. */
    private static byte[] rawObject(String key) {
        return raw.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asByteArray();
    }

    @Test
    void putsGetsAndDeletesAnObject() {
        store.put(KEY, bytes("sealed one"));
        assertArrayEquals(bytes("sealed one"), store.get(KEY).orElseThrow());
        assertArrayEquals(bytes("sealed one"), rawObject(KEY));
        store.delete(KEY);
        assertEquals(Optional.empty(), store.get(KEY));
        store.delete(KEY);
    }

    @Test
    void answersEmptyForAKeyNeverStored() {
        assertTrue(store.get(newKey()).isEmpty());
    }

    @Test
    void takesTheSameBytesAgainAsARetryAndRefusesOtherBytes() {
        String key = newKey();
        store.put(key, bytes("first"));
        store.put(key, bytes("first"));
        assertThrows(ObjectConflict.class, () -> store.put(key, bytes("second")));
        assertArrayEquals(bytes("first"), store.get(key).orElseThrow());
    }

    @Test
    void writesOnlyIfTheKeyIsStillFree() {
        // S3Proxy ignores If-None-Match on PUT, so what is checked here is that the store asks for it;
        // servers that honour it (AWS S3, MinIO) then refuse a writer that lost a race with 412.
        List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.httpRequest().method() == SdkHttpMethod.PUT) {
                    ifNoneMatch.add(context.httpRequest().firstMatchingHeader("If-None-Match").orElse("(none)"));
                }
            }
        };
        try (S3Client recorded = S3Store.clientBuilder(settings)
                .overrideConfiguration(config -> config.addExecutionInterceptor(recorder)).build()) {
            S3Store conditional = new S3Store(recorded, BUCKET);
            String key = newKey();
            conditional.put(key, bytes("first"));
            conditional.put(key, bytes("first")); // a retry: found, not written again
            assertEquals(List.of("*"), ifNoneMatch);
            assertArrayEquals(bytes("first"), rawObject(key));
        }
    }

    @Test
    void keepsATenMebibyteObjectWhole() {
        byte[] big = new byte[DocumentChecks.MAX_BYTES + 64];
        new java.util.Random(11).nextBytes(big);
        String key = newKey();
        store.put(key, big);
        assertArrayEquals(big, store.get(key).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escaped", "a/b", "/abs", "Upper", "", "a.b", "a b", "%2e%2e"})
    void refusesKeysThatAreNotKeysBeforeAskingS3(String key) {
        assertThrows(IllegalArgumentException.class, () -> store.put(key, bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> store.get(key));
        assertThrows(IllegalArgumentException.class, () -> store.delete(key));
    }

    @Test
    void sealsDocumentsBeforeTheyReachS3() throws Exception {
        EvidenceDocuments documents = new EvidenceDocuments(store, SealedValues.of(EvidenceDocumentsTest.KEY));
        byte[] pdf = Samples.pdf();
        StoredDocument stored = documents.store(DocumentKind.CONSENT, "application/pdf", pdf);
        byte[] atRest = rawObject(stored.key());
        assertFalse(Samples.contains(atRest, "110101199003070002".getBytes(StandardCharsets.US_ASCII)), "the ID number at rest");
        assertFalse(Samples.contains(atRest, "%PDF-".getBytes(StandardCharsets.US_ASCII)), "a PDF at rest");
        assertEquals(pdf.length + SealedValues.MIN_LENGTH, atRest.length);
        assertEquals(EvidenceDocumentsTest.sha256Hex(pdf), stored.sha256());
        assertArrayEquals(pdf, documents.open(stored));
    }

    @Test
    void refusesToOpenAnObjectCopiedOverAnotherInTheBucket() {
        EvidenceDocuments documents = new EvidenceDocuments(store, SealedValues.of(EvidenceDocumentsTest.KEY));
        StoredDocument consent = documents.store(DocumentKind.CONSENT, "application/pdf", Samples.pdf());
        StoredDocument bill = documents.store(DocumentKind.MEDICAL_BILL, "image/png", Samples.png());
        raw.putObject(request -> request.bucket(BUCKET).key(consent.key()), RequestBody.fromBytes(rawObject(bill.key())));
        assertEquals(DocumentUnreadable.Reason.UNSEALABLE,
                assertThrows(DocumentUnreadable.class, () -> documents.open(consent)).reason());
    }

    @Test
    void storesNothingInTheBucketWhenADocumentIsRefused() {
        int before = raw.listObjectsV2(request -> request.bucket(BUCKET)).keyCount();
        EvidenceDocuments documents = new EvidenceDocuments(store, SealedValues.of(EvidenceDocumentsTest.KEY));
        assertThrows(ProblemException.class, () -> documents.store(DocumentKind.CONSENT, "image/jpeg", Samples.png()));
        assertThrows(ProblemException.class, () -> documents.store(DocumentKind.CONSENT, "image/png", Samples.cut(Samples.png(), 1)));
        assertEquals(before, raw.listObjectsV2(request -> request.bucket(BUCKET)).keyCount());
    }

    @Test
    void failsClearlyOnWrongCredentialsOrAMissingBucket() {
        S3Settings wrongSecret = new S3Settings(settings.endpoint(), settings.region(), BUCKET, ACCESS_KEY, "not-the-secret");
        try (S3Store denied = S3Store.connect(wrongSecret)) {
            StoreFailure e = assertThrows(StoreFailure.class, () -> denied.get(KEY));
            assertTrue(e.getMessage().contains("bucket " + BUCKET), e.getMessage());
            assertFalse(e.getMessage().contains("not-the-secret"), e.getMessage());
            assertThrows(StoreFailure.class, () -> denied.put(newKey(), bytes("x")));
        }
        S3Settings noBucket = new S3Settings(settings.endpoint(), settings.region(), "no-such-bucket", ACCESS_KEY, SECRET_KEY);
        try (S3Store missing = S3Store.connect(noBucket)) {
            // Not "no such document": a bucket that is not there is a fault of the setup.
            assertThrows(StoreFailure.class, () -> missing.get(KEY));
        }
    }

    @Test
    void failsClearlyWhenTheServerIsDown() {
        S3Settings nobody = new S3Settings(URI.create("http://127.0.0.1:1"), "us-east-1", BUCKET, ACCESS_KEY, SECRET_KEY);
        try (S3Store down = S3Store.connect(nobody)) {
            assertThrows(StoreFailure.class, () -> down.put(newKey(), bytes("x")));
        }
    }

    @Test
    void neverPrintsTheSecretKeyOfItsSettings() {
        assertFalse(settings.toString().contains(SECRET_KEY), settings.toString());
        assertTrue(settings.toString().contains(BUCKET));
    }
}
