package org.unionaid.registry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.unionaid.testsupport.TestTokens.bearer;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class StationResourceTest {

    @Test
    void createsAStationTreeAndReadsItBack() {
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"code\":\"ST-C1\",\"name\":\"City aid centre\",\"level\":\"CITY\"}")
                .when().post("/api/v1/stations")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/stations/ST-C1"))
                .body("code", equalTo("ST-C1"));
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"code\":\"ST-D1\",\"name\":\"District one\",\"level\":\"DISTRICT\",\"parentCode\":\"ST-C1\"}")
                .when().post("/api/v1/stations")
                .then().statusCode(201);

        given().header("Authorization", bearer("clerk"))
                .when().get("/api/v1/stations/ST-D1")
                .then().statusCode(200)
                .body("parentCode", equalTo("ST-C1"))
                .body("level", equalTo("DISTRICT"))
                .body("path", equalTo("/ST-C1/ST-D1/"));
    }

    @Test
    void buildsLocationFromTheConfiguredBaseAndNeverFromHostHeadersAClientSets() {
        // no public base URL is configured in the tests: a path-absolute reference, whatever Host says
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .header("Host", "evil.example").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .body("{\"code\":\"ST-C9\",\"name\":\"Another city\",\"level\":\"CITY\"}")
                .when().post("/api/v1/stations")
                .then().statusCode(201)
                .header("Location", equalTo("/api/v1/stations/ST-C9"));
    }

    @Test
    void answersWithoutTokenWithProblem401() {
        given().when().get("/api/v1/stations")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("requestId", notNullValue());
    }

    @Test
    void refusesForgedAndExpiredTokensEveryTimeAndAcceptsAGoodOneAgain() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = io.smallrye.jwt.build.Jwt.issuer("union-aid-local").subject("mallory")
                .groups(java.util.Set.of("admin")).expiresIn(3600).sign(generator.generateKeyPair().getPrivate());
        String expired = io.smallrye.jwt.build.Jwt.issuer("union-aid-local").subject("late")
                .groups(java.util.Set.of("admin")).issuedAt(java.time.Instant.now().minusSeconds(7200))
                .expiresAt(java.time.Instant.now().minusSeconds(3600)).jws().keyId("union-aid-local")
                .sign("keys/dev-private.pem");
        String good = bearer("analyst");
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", "Bearer " + forged).get("/api/v1/stations")
                    .then().statusCode(401).contentType("application/problem+json");
            given().header("Authorization", "Bearer " + expired).get("/api/v1/stations")
                    .then().statusCode(401).contentType("application/problem+json");
            given().header("Authorization", good).get("/api/v1/stations").then().statusCode(200);
        }
    }

    @Test
    void refusesAClerkCreatingAStationWith403() {
        given().header("Authorization", bearer("clerk")).contentType(ContentType.JSON)
                .body("{\"code\":\"X1\",\"name\":\"x\",\"level\":\"CITY\"}")
                .when().post("/api/v1/stations")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void refusesAParentOfACityAndNoParentBelowItInChineseStoringNothing() {
        given().header("Authorization", bearer("admin")).header("Accept-Language", "zh")
                .contentType(ContentType.JSON)
                .body("{\"code\":\"ST-D7\",\"name\":\"District seven\",\"level\":\"DISTRICT\"}")
                .when().post("/api/v1/stations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("请求无效"))
                .body("violations[0].field", equalTo("parentCode"))
                .body("violations[0].message", equalTo("市级（CITY）以下的站点必须填写"));
        given().header("Authorization", bearer("admin")).header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5")
                .contentType(ContentType.JSON)
                .body("{\"code\":\"ST-C7\",\"name\":\"City seven\",\"level\":\"CITY\",\"parentCode\":\"ST-D7\"}")
                .when().post("/api/v1/stations")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("parentCode"))
                .body("violations[0].message", equalTo("市级（CITY）站点没有上级站点"));
        // the English of before for a caller who does not ask for Chinese
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"code\":\"ST-D7\",\"name\":\"District seven\",\"level\":\"DISTRICT\"}")
                .when().post("/api/v1/stations")
                .then().statusCode(400)
                .body("violations[0].message", equalTo("required below the CITY level"));
        for (String code : new String[] {"ST-D7", "ST-C7"}) {
            given().header("Authorization", bearer("admin")).when().get("/api/v1/stations/" + code)
                    .then().statusCode(404);
        }
    }

    @Test
    void rejectsAnUnknownLevelNamingTheFieldInChinese() {
        given().header("Authorization", bearer("admin")).header("Accept-Language", "zh")
                .contentType(ContentType.JSON)
                .body("{\"code\":\"X2\",\"name\":\"x\",\"level\":\"GALAXY\"}")
                .when().post("/api/v1/stations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("level"))
                .body("title", equalTo("请求无效"));
        given().header("Authorization", bearer("admin"))
                .when().get("/api/v1/stations/X2")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
