package org.unionaid.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.TestTokens;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The token key comes over HTTP, as from an OIDC provider: checked off the event loop, same answers. */
@QuarkusTest
@TestProfile(RemoteKeyTest.KeyOverHttp.class)
class RemoteKeyTest {

    public static class KeyOverHttp implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StubUpstreams.class, Map.of("remote-key", "true")));
        }
    }

    @Test
    void acceptsTokensSignedWithTheFetchedKeyAndRefusesOthers() {
        given().header("Authorization", TestTokens.bearer("finance"))
                .when().get("/api/v1/payouts")
                .then().statusCode(200).body("service", equalTo("disbursement"));
        // a body waits, unread, while the token is checked elsewhere, then streams on whole
        String body = "{\"applicationId\":12,\"channel\":\"BANK\",\"reference\":\"R-1\"}";
        given().header("Authorization", "Bearer " + TestTokens.token("finance", null, "new-finance-clerk"))
                .contentType("application/json").body(body)
                .when().post("/api/v1/payouts")
                .then().statusCode(200)
                .body("bodyLength", equalTo(body.length()))
                .body("bodySha256", equalTo(StubService.sha256(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        given().header("Authorization", Tokens.otherKey())
                .when().get("/api/v1/payouts")
                .then().statusCode(401).body("type", equalTo("urn:union-aid:problem:unauthorized"));
        given().header("Authorization", Tokens.expired())
                .when().get("/api/v1/payouts")
                .then().statusCode(401);
    }
}
