package org.unionaid.contract;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unionaid.client.ApiClient;
import org.unionaid.client.ApiException;
import org.unionaid.client.api.ReportsApi;
import org.unionaid.client.model.AidItem;
import org.unionaid.client.model.AidView;
import org.unionaid.client.model.Problem;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client generated from the merged document (target/generated-sources/openapi) used as a
 * frontend would: against a local HTTP server answering what the services answer, the typed
 * models read a report and a problem. That it compiles is the build's check; this checks it works.
 */
class GeneratedClientTest {

    /** An aid report as reporting-service answers it (a suppressed cell among them). */
    private static final String AID = """
            {"groupBy":["year","station"],"from":"2024-01","to":"2024-12",
             "items":[{"year":2024,"station":"C01-D01","personTimes":125,"persons":98,"amount":"250000.00","suppressed":false},
                      {"year":2024,"station":"C01-D02","personTimes":null,"persons":null,"amount":null,"suppressed":true}],
             "totals":{"personTimes":131,"persons":102,"amount":"262000.00","suppressed":false},
             "asOf":"2026-12-04T01:00:00Z","closed":false,"closedAt":null,"closedBy":null,"adjustments":[]}""";
    /** A 400 problem as common's mappers write it. */
    private static final String PROBLEM = """
            {"type":"urn:union-aid:problem:invalid-request","title":"Invalid request","status":400,
             "detail":"from: must be a year, quarter or month","instance":"/api/v1/reports/summary",
             "requestId":"r-1","violations":[{"field":"from","message":"must be a year, quarter or month"}]}""";

    private static HttpServer server;
    private static final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeAll
    static void answerAsTheServicesDo() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/reports/aid", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, 200, "application/json", AID);
        });
        server.createContext("/api/v1/reports/summary", exchange -> answer(exchange, 400, "application/problem+json", PROBLEM));
        server.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static ReportsApi reports() {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + server.getAddress().getPort());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer analyst-token"));
        return new ReportsApi(client);
    }

    @Test
    void readsAnAidReportIntoTypedItems() throws ApiException {
        AidView report = reports().getAidReport(null, null, null, "2024", "year,station", null, null, null, null, null, "2024");

        assertEquals(List.of("year", "station"), report.getGroupBy());
        assertEquals(2, report.getItems().size());
        AidItem first = report.getItems().get(0);
        assertEquals(2024, first.getYear());
        assertEquals("C01-D01", first.getStation());
        assertEquals(98L, first.getPersons());
        assertEquals("250000.00", first.getAmount(), "money stays an exact decimal string");
        AidItem hidden = report.getItems().get(1);
        assertTrue(hidden.getSuppressed());
        assertNull(hidden.getPersons());
        assertEquals("262000.00", report.getTotals().getAmount());
        assertEquals(2026, report.getAsOf().getYear());
        assertEquals("Bearer analyst-token", authorization.get());
    }

    @Test
    void readsAProblemAnswerWithItsViolations() throws Exception {
        ApiException refused = assertThrows(ApiException.class,
                () -> reports().getSummaryReport(null, null, null, "last year", null, null, null, null, null, null, null));

        assertEquals(400, refused.getCode());
        Problem problem = ApiClient.createDefaultObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertEquals("urn:union-aid:problem:invalid-request", problem.getType());
        assertEquals(400, problem.getStatus());
        assertEquals("from", problem.getViolations().get(0).getField());
        assertEquals("r-1", problem.getRequestId());
    }
}
