package org.unionaid.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * Answers without a body keep the framing the service gave them: no chunked encoding, no
 * Connection: close, and the same connection carries the next request. Read over a bare socket
 * by a strict client (no body for HEAD, 204, 304), as Python's http.client reads.
 */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class FramingTest {

    private static final String AUTH = "Authorization: " + GatewayProxyTest.CLERK;

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void passesANotModifiedOnWithItsETagUnchunkedAndKeepsTheConnection() throws Exception {
        try (HttpConnection connection = new HttpConnection(gateway)) {
            HttpConnection.Answer notModified = connection.send("GET", "/api/v1/workers/7/not-modified", AUTH,
                    "If-None-Match: \"7\"");
            assertThat(notModified.status(), is(304));
            assertThat(notModified.header("ETag"), equalTo("\"7\""));
            assertBodilessAndKeptAlive(notModified);

            HttpConnection.Answer next = connection.send("GET", "/api/v1/stations", AUTH);
            assertThat(next.status(), is(200));
            assertThat(next.body(), containsString("\"service\":\"registry\""));
        }
    }

    @Test
    void passesANoContentOnUnchunkedAndKeepsTheConnection() throws Exception {
        try (HttpConnection connection = new HttpConnection(gateway)) {
            HttpConnection.Answer noContent = connection.send("DELETE", "/api/v1/applications/3/no-content", AUTH);
            assertThat(noContent.status(), is(204));
            assertBodilessAndKeptAlive(noContent);

            HttpConnection.Answer next = connection.send("GET", "/api/v1/projects", AUTH);
            assertThat(next.status(), is(200));
            assertThat(next.body(), containsString("\"service\":\"disbursement\""));
        }
    }

    @Test
    void answersHeadWithTheHeadAloneAndKeepsTheConnection() throws Exception {
        try (HttpConnection connection = new HttpConnection(gateway)) {
            HttpConnection.Answer get = connection.send("GET", "/api/v1/reports/chunked", AUTH);
            assertThat(get.body(), equalTo("part one, part two"));

            // a HEAD of an answer the service streams in chunks: the head says so, no chunk follows
            HttpConnection.Answer head = connection.send("HEAD", "/api/v1/reports/chunked", AUTH);
            assertThat(head.status(), is(200));
            assertThat(head.header("Connection"), nullValue());
            // a HEAD of an answer of known length: that length, no body after it
            HttpConnection.Answer sized = connection.send("HEAD", "/api/v1/reports/big?bytes=1234", AUTH);
            assertThat(sized.status(), is(200));
            assertThat(sized.header("Content-Length"), equalTo("1234"));
            assertThat(sized.header("Connection"), nullValue());

            HttpConnection.Answer next = connection.send("GET", "/api/v1/reports/summary", AUTH);
            assertThat(next.status(), is(200));
            assertThat(next.body(), containsString("\"service\":\"reporting\""));
        }
    }

    private static void assertBodilessAndKeptAlive(HttpConnection.Answer answer) {
        assertThat(answer.header("Transfer-Encoding"), nullValue());
        assertThat(answer.header("Connection"), nullValue());
        assertThat(answer.body(), is(emptyString()));
    }
}
