package org.unionaid.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.TestTokens;

import java.net.URI;
import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/** Evidence documents: their uploads take 10 MiB through the gateway, no other body more than 1 MiB. */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class DocumentUploadLimitTest {

    private static final String CLERK = TestTokens.bearer("clerk");
    private static final int MIB_10 = 10 * 1024 * 1024;

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void letsTenMebibytesThroughOnTheDocumentUploadsOnly() {
        byte[] tenMiB = new byte[MIB_10];
        new java.util.Random(3).nextBytes(tenMiB);
        for (String path : new String[]{"/api/v1/workers/17/documents", "/api/v1/applications/9/documents"}) {
            given().header("Authorization", CLERK).contentType("application/pdf").body(tenMiB)
                    .when().post(path)
                    .then().statusCode(200)
                    .body("bodyLength", equalTo(MIB_10))
                    .body("bodySha256", equalTo(StubService.sha256(tenMiB)));
        }
        given().header("Authorization", CLERK).contentType("application/json").body(new byte[2 * 1024 * 1024])
                .when().put("/api/v1/workers/17/documents")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", equalTo("Request bodies may be at most 1048576 bytes."));
        given().header("Authorization", CLERK).contentType("application/json").body(new byte[2 * 1024 * 1024])
                .when().post("/api/v1/workers/17/transitions")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void refusesADocumentAboveTenMebibytesWithAProblem() throws Exception {
        given().header("Authorization", CLERK).contentType("application/pdf").body(new byte[MIB_10 + 1])
                .when().post("/api/v1/workers/17/documents")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:union-aid:problem:payload-too-large"))
                .body("detail", equalTo("Request bodies may be at most 10485760 bytes."));
        RawHttp.Answer chunked = RawHttp.postChunked(URI.create(gateway + "api/v1/applications/9/documents"), CLERK,
                MIB_10 + 64 * 1024);
        assertThat(chunked.status(), is(413));
        assertThat(chunked.body(), containsString("urn:union-aid:problem:payload-too-large"));
    }
}
