package org.unionaid.datagen;

import com.fasterxml.jackson.databind.JsonNode;

/** The city's summary report as the loader reads it through the gateway: waiting for it and printing it. */
final class CitySummary {

    /** Where the loader's lines go. */
    interface Say {
        void say(String format, Object... args);
    }

    private final Api api;
    private final String gateway;
    private final Say out;

    CitySummary(Api api, String gateway, Say out) {
        this.api = api;
        this.gateway = gateway;
        this.out = out;
    }

    /** The summary, or null when the gateway or reporting does not answer it. */
    JsonNode read() {
        Api.Answer answer = api.send("GET", gateway + "/api/v1/reports/summary", null, "analyst", null, null);
        return answer.ok() ? answer.body() : null;
    }

    /** Waits until the report shows at least {@code expected} person-times, printing it then. */
    boolean await(long expected, int waitSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        JsonNode summary = null;
        while (System.nanoTime() < deadline) {
            summary = read();
            if (summary != null && summary.path("personTimes").asLong() >= expected) {
                out.say("reporting has caught up");
                print(summary);
                return true;
            }
            Thread.sleep(1_000);
        }
        out.say("reporting did not catch up within %ds: %s person-times of %d", waitSeconds,
                summary == null ? "?" : summary.path("personTimes").asText(), expected);
        return false;
    }

    void print(JsonNode s) {
        if (s == null) {
            return;
        }
        out.say("summary (as of %s): %,d person-times, %,d persons, %s yuan; enterprise grants %s, station grants %s",
                s.path("asOf").asText(), s.path("personTimes").asLong(), s.path("persons").asLong(),
                s.path("amount").asText(), s.path("enterpriseGrants"), s.path("stationGrants"));
        for (JsonNode p : s.path("projects")) {
            System.out.printf("    %-24s %8s times %14s yuan%n", p.path("project").asText(),
                    p.hasNonNull("personTimes") ? p.path("personTimes").asText() : p.path("grants").asText(),
                    p.path("amount").asText());
        }
    }
}
