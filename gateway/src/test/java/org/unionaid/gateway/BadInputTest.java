package org.unionaid.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

/**
 * Malformed requests are answered by the gateway itself with a problem (never passed on to a
 * service that might fail on them, never a 500), read over a bare socket so nothing is tidied.
 */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class BadInputTest {

    private static final String AUTH = "Authorization: " + GatewayProxyTest.CLERK;

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void refusesNulAndBrokenUtf8InPathOrQueryWithAProblemNamingThePart() throws Exception {
        String[][] cases = {{"/api/v1/stations/%00", "path"}, {"/api/v1/stations?name=a%00b", "query"},
                {"/api/v1/stations/%C0%AF", "path"}, {"/api/v1/stations?x=%C0%AF", "query"},
                {"/api/v1/workers?q=%0d%0aSet-Cookie:x", "query"}, {"/api/v1/stations?f=%FF", "query"}};
        for (String[] given : cases) {
            HttpConnection.Answer answer = send("GET", given[0], AUTH);
            assertProblem(given[0], answer, 400, "bad-encoding");
            assertThat(given[0], answer.body(), containsString("The " + given[1] + " must be printable ASCII"));
        }
        // refused before the token is looked at, so no token is needed to learn it
        assertProblem("no token", send("GET", "/api/v1/stations/%00"), 400, "bad-encoding");
    }

    @Test
    void passesPlainPercentEncodedUtf8On() throws Exception {
        HttpConnection.Answer answer = send("GET", "/api/v1/stations?name=%E5%BC%A0%20%2B", AUTH);
        assertThat(answer.status(), is(200));
        assertThat(answer.body(), containsString("\"uri\":\"/api/v1/stations?name=%E5%BC%A0%20%2B\""));
    }

    @Test
    void refusesAHostHeaderThatNamesNoHost() throws Exception {
        assertProblem("1100 characters", send("GET", "/api/v1/stations", AUTH, "Host: " + "h".repeat(1100)), 400, "bad-host");
        assertProblem("two hosts", send("GET", "/api/v1/stations", AUTH, "Host: a.example", "Host: b.example"), 400, "bad-host");
        assertProblem("a space", send("GET", "/q/health/live", "Host: evil.example\tx"), 400, "bad-host");
    }

    @Test
    void refusesUrisLongerThanTheServicesTakeWithUriTooLong() throws Exception {
        HttpConnection.Answer answer = send("GET", "/api/v1/stations?q=" + "a".repeat(9000), AUTH);
        assertProblem("9 000 characters", answer, 414, "uri-too-long");
        assertThat(answer.body(), containsString("at most 4000 characters"));
        assertThat(send("GET", "/api/v1/stations?q=" + "a".repeat(3900), AUTH).status(), is(200));
    }

    @Test
    void refusesTooManyOrTooLargeHeadersWithRequestHeaderFieldsTooLarge() throws Exception {
        List<String> many = new ArrayList<>(List.of(AUTH));
        for (int i = 0; i < 1000; i++) {
            many.add("X-Header-" + i + ": " + "v".repeat(20));
        }
        assertProblem("1000 headers", send("GET", "/api/v1/stations", many.toArray(String[]::new)), 431, "headers-too-large");
        assertProblem("30 000 bytes", send("GET", "/api/v1/stations", AUTH, "X-Big: " + "b".repeat(30_000)), 431, "headers-too-large");
    }

    @Test
    void refusesUnknownMethodsAndTransferEncodingsWithProblems() throws Exception {
        HttpConnection.Answer method = send("PROPFIND", "/api/v1/stations", AUTH);
        assertProblem("PROPFIND", method, 405, "method-not-allowed");
        assertThat(method.header("Allow"), containsString("PATCH"));
        assertProblem("gzip", send("POST", "/api/v1/stations", AUTH, "Transfer-Encoding: gzip"), 400, "bad-transfer-encoding");
    }

    @Test
    void answersOddButHarmlessHeadersWithoutFailing() throws Exception {
        String[][] headers = {{"Accept-Language: garbage"}, {"Accept-Language: " + "zh-CN,".repeat(500)},
                {"Accept-Language: ;;;q=abc,,*-*"}, {"X-Request-Id: " + "r".repeat(7000)},
                {"Content-Type: ;;;", "X-Odd: \u00ff\u00fe"}};
        for (String[] odd : headers) {
            String[] lines = new String[odd.length + 1];
            lines[0] = AUTH;
            System.arraycopy(odd, 0, lines, 1, odd.length);
            HttpConnection.Answer answer = send("GET", "/api/v1/stations", lines);
            assertThat(odd[0], answer.status(), is(200));
            // a request id that is not sane is replaced, never echoed
            assertThat(odd[0], answer.header("X-Request-Id").length(), lessThan(129));
        }
        HttpConnection.Answer refused = send("GET", "/api/v1/stations", "Accept-Language: garbage");
        assertProblem("garbage language", refused, 401, "unauthorized");
    }

    @Test
    void sendsATargetInAbsoluteFormOnInOriginForm() throws Exception {
        HttpConnection.Answer answer = send("GET", "http://evil.example/api/v1/stations?x=1", AUTH);
        assertThat(answer.status(), is(200));
        assertThat(answer.body(), containsString("\"uri\":\"/api/v1/stations?x=1\""));
        assertThat(answer.body(), not(containsString("evil.example")));
    }

    @Test
    void answersRequestTargetsThatAreNoPathWithNotFoundProblems() throws Exception {
        assertProblem("*", send("OPTIONS", "*", AUTH), 404, "no-route");
        assertProblem("no slash", send("GET", "api/v1/stations", AUTH), 404, "no-route");
    }

    @Test
    void neverAnswersAServerErrorForAMalformedTarget() throws Exception {
        // java.net.URI refuses these: Quarkus answers 400 before any route (README); never a 5xx
        for (String target : new String[] {"/api/v1/stations/%zz", "/api/v1/stations?q=%zz", "/q/openapi?format=%",
                "/api/v1/stations?f={x}"}) {
            assertThat(target, send("GET", target, AUTH).status(), is(400));
        }
    }

    private HttpConnection.Answer send(String method, String target, String... headers) throws IOException {
        try (HttpConnection connection = new HttpConnection(gateway)) {
            return connection.send(method, target, headers);
        }
    }

    private static void assertProblem(String what, HttpConnection.Answer answer, int status, String type) {
        assertThat(what, answer.status(), is(status));
        assertThat(what, answer.header("Content-Type"), equalTo("application/problem+json"));
        assertThat(what, answer.body(), containsString("\"type\":\"urn:union-aid:problem:" + type + "\""));
        assertThat(what, answer.body(), not(containsString("\"service\"")));
    }
}
