package org.unionaid.datagen;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live items through the gateway, as people do it: a household verified last month (imported
 * like the legacy files) gets living relief (4,000) and serious-illness relief (19,800), applied
 * for by the station clerk, decided by a reviewer and paid by finance — the domain spec's
 * 23,800-yuan case. A second household is filed by the clerk today with its four checks; its
 * public notice runs from today for the configured days (it cannot be dated back), so it waits
 * PENDING for the reviewer. Both files get their signed consent form, the serious-illness application its
 * hospital bills ({@link Evidence}).
 */
final class Story {

    static final String STATION = "C01-D02-S01-C01";

    private final Api api;
    private final String gateway;
    private final LocalDate today;
    private final long idIndex;
    private final long seed;

    Story(Api api, String gateway, LocalDate today, long idIndex, long seed) {
        this.api = api;
        this.gateway = gateway;
        this.today = today;
        this.idIndex = idIndex;
        this.seed = seed;
    }

    /** Returns the number of payouts to households it made. */
    int run() {
        long file = importVerified("陈建国", PersonIds.of(idIndex, seed), "20000.00");
        say("file %d of %s verified on %s (imported)", file, STATION, today.minusDays(30));
        long living = aid(file, "LIVING_RELIEF", "4000.00", Map.of("note", "生活困难"));
        long illness = aid(file, "SERIOUS_ILLNESS", "19800.00", Map.of("medicalBills", "住院发票 3 张", "outOfPocket", "19800.00"));
        say("paid living relief (application %d) and serious-illness relief (application %d): 23,800.00 yuan", living, illness);
        long pending = fileHousehold("林秀英", PersonIds.of(idIndex + 1, seed), "26000.00");
        for (Map<String, Object> check : List.of(check("FIRST_REVIEW"), visit(), check("MEANS_CHECK"), notice())) {
            Api.expect(api.send("POST", url("/api/v1/workers/" + pending + "/checks"), check, "clerk", STATION, "demo-clerk-lin"),
                    "record check");
        }
        say("file %d filed with its checks; its public notice runs from today, then it waits for the reviewer", pending);
        Evidence papers = new Evidence(api, gateway, STATION, "demo-clerk-lin");
        int consents = (papers.consent(file) ? 1 : 0) + (papers.consent(pending) ? 1 : 0);
        int bills = papers.medicalBills(illness);
        say("papers attached: a consent form (PDF) on %d files (%d and %d), %d medical bills (2 PDF, 1 PNG) on application %d",
                consents, file, pending, bills, illness);
        return 2;
    }

    private long importVerified(String name, String idNumber, String income) {
        Map<String, Object> item = household(name, idNumber, income);
        Instant activated = today.minusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant();
        item.put("status", "ACTIVE");
        item.put("createdAt", activated.minusSeconds(20L * 24 * 3600).toString());
        item.put("activatedAt", activated.toString());
        JsonNode result = Api.expect(api.send("POST", url("/api/v1/workers/import"), Map.of("items", List.of(item)),
                "admin", null, "demo-admin"), "import a verified household");
        JsonNode id = result.path("results").path(0).path("id");
        if (!id.canConvertToLong() || id.asLong() == 0) {
            throw new IllegalStateException("the verified household was not imported: " + result.path("results").path(0));
        }
        return id.asLong();
    }

    private long fileHousehold(String name, String idNumber, String income) {
        JsonNode created = Api.expect(api.send("POST", url("/api/v1/workers"), household(name, idNumber, income), "clerk",
                STATION, "demo-clerk-lin"), "file a household");
        return created.path("id").asLong();
    }

    private Map<String, Object> household(String name, String idNumber, String income) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("idNumber", idNumber);
        body.put("phone", "13905910000");
        body.put("stationCode", STATION);
        body.put("migrantWorker", false);
        body.put("household", Map.of("yearlyIncome", income, "rigidCosts", "6000.00", "members", List.of(
                Map.of("relation", "SPOUSE", "name", "王桂兰", "birthDate", "1975-04-02", "student", false,
                        "ill", true, "disabled", false),
                Map.of("relation", "CHILD", "name", "陈晓明", "birthDate", today.minusYears(17).toString(), "student", true,
                        "school", "福州第三中学", "grade", "高二", "ill", false, "disabled", false))));
        body.put("mainCause", "ILLNESS");
        body.put("otherCauses", List.of("CHILD_EDUCATION"));
        return body;
    }

    private long aid(long file, String project, String amount, Map<String, Object> details) {
        JsonNode application = Api.expect(api.send("POST", url("/api/v1/applications"), Map.of("projectCode", project,
                "workerId", file, "requestedAmount", amount, "details", details), "clerk", STATION, "demo-clerk-lin"), "apply");
        long id = application.path("id").asLong();
        Api.expect(api.send("POST", url("/api/v1/applications/" + id + "/decision"), Map.of("approve", true,
                "amount", amount, "reason", "符合救助条件"), "reviewer", null, "demo-reviewer-zhou"), "decide");
        // Paid in cash at the station (PAID at once); a bank transfer would wait for its bank file's result.
        Api.expect(api.send("POST", url("/api/v1/payouts"), Map.of("applicationId", id, "channel", "CASH",
                "reference", "RECEIPT-" + today + "-" + id), "finance", null, "demo-finance-he"), "pay");
        return id;
    }

    private static Map<String, Object> check(String step) {
        return Map.of("step", step, "passed", true);
    }

    private static Map<String, Object> visit() {
        return Map.of("step", "HOME_VISIT", "passed", true, "consentSigned", true, "note", "家中有重病患者");
    }

    private static Map<String, Object> notice() {
        return Map.of("step", "PUBLIC_NOTICE", "passed", true, "objection", false);
    }

    private String url(String path) {
        return gateway + path;
    }

    private static void say(String format, Object... args) {
        System.out.println("        " + String.format(format, args));
    }
}
