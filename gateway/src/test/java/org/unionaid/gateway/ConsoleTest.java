package org.unionaid.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The staff console at /: its page and files, ECharts from the WebJar, where to sign in, and the headers that fence it in. */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class ConsoleTest {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "font-src 'self'; connect-src 'self' https://id.union-aid.test; form-action 'self' https://id.union-aid.test; "
            + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @Test
    void servesTheConsolePageAtTheRootWithAPolicyOfThisOriginAndTheIssuerOnly() {
        given().when().get("/").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", equalTo(POLICY))
                .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-cache")
                .body(containsString("<script type=\"module\" src=\"/console/app.js\"></script>"))
                .body(containsString("职工帮扶工作台"));
    }

    @Test
    void servesTheConsoleModulesAndEChartsFromItsWebJar() {
        given().when().get("/console/app.js").then().statusCode(200).contentType(containsString("javascript"))
                .header("Content-Security-Policy", equalTo(POLICY)).body(containsString("import"));
        given().when().get("/console/console.css").then().statusCode(200).contentType(startsWith("text/css"));
        given().when().get("/webjars/echarts/5.3.1/dist/echarts.esm.min.js").then().statusCode(200)
                .contentType(containsString("javascript")).body(containsString("export"));
    }

    @Test
    void tellsTheBrowserWhereToSignInWithoutCaching() {
        given().when().get("/console/config.json").then().statusCode(200).contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("issuer", equalTo("https://id.union-aid.test/realms/union-aid"))
                .body("clientId", equalTo("union-aid-console"));
    }

    @Test
    void aConsoleFileThatDoesNotExistIsAProblemAndTheApiStillNeedsAToken() {
        given().header("Accept-Language", "zh").when().get("/console/nothing.js").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:union-aid:problem:no-route"));
        given().when().get("/api/v1/workers").then().statusCode(401).header("Content-Security-Policy", nullValue());
    }

    @Test
    void headersOfTheConsoleStayOffTheApiAndSwaggerUi() {
        given().when().get("/q/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", nullValue());
    }
}
