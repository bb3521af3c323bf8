package org.unionaid.disbursement.support;

import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/** Puts data into the stub registry and stops or restarts it. */
public final class Stub {

    /** The city, two districts below it. Clerks of A see A's files, not B's. */
    public static final String CITY = "C01";
    public static final String STATION_A = "C01-A";
    public static final String STATION_B = "C01-B";

    private static final AtomicLong NEXT_WORKER = new AtomicLong(1001);

    private Stub() {
    }

    public static void stations() {
        put("/stations/" + CITY, station(CITY, null, "/C01/"));
        put("/stations/" + STATION_A, station(STATION_A, CITY, "/C01/C01-A/"));
        put("/stations/" + STATION_B, station(STATION_B, CITY, "/C01/C01-B/"));
    }

    /** An enterprise as the registry answers it (status OPERATING, SUSPENDED or CLOSED). */
    public static void enterprise(long id, String status, boolean keyEnterprise) {
        put("/enterprises/" + id, """
                {"id": %d, "name": "Enterprise %d", "creditCode": "91350100M000100Y43", "status": "%s", "keyEnterprise": %s}"""
                .formatted(id, id, status, keyEnterprise));
    }

    public static void minimumLivingStandard(int year, String monthlyAmount) {
        put("/standards/" + year, monthlyAmount);
    }

    /** A new file at station A; returns its id. */
    public static long worker(String status, String category, String yearlyIncome, int size) {
        return worker(status, category, yearlyIncome, size, false, STATION_A);
    }

    public static long worker(String status, String category, String yearlyIncome, int size, boolean migrant,
                              String station) {
        long id = NEXT_WORKER.getAndIncrement();
        worker(id, status, category, yearlyIncome, size, migrant, station, false);
        return id;
    }

    /**
     * Answers file {@code id} as the registry does from now on: {@code exitProposed} when a yearly review found it
     * above the line and no reviewer has exited or kept it yet.
     */
    public static void worker(long id, String status, String category, String yearlyIncome, int size, boolean migrant,
                              String station, boolean exitProposed) {
        putWorker(id, status, category, yearlyIncome, size, migrant, station, exitProposed, 1, "");
    }

    /** A file merged into another, as the registry answers it from then on: CANCELLED with {@code mergedInto}. */
    public static void mergedInto(long id, String category, long survivor) {
        putWorker(id, "CANCELLED", category, "0.00", 1, false, STATION_A, false, 1, "\"mergedInto\": " + survivor + ",");
    }

    /**
     * An ACTIVE file at station A with two students ({@link #studentOf}, {@link #secondStudentOf}) answered with
     * {@code mergedFrom} as given (JSON: an array, {@code null}, or {@code ""} for no field at all, as registries before
     * merges answer).
     */
    public static void survivor(long id, String category, String yearlyIncome, int size, String mergedFrom) {
        putWorker(id, "ACTIVE", category, yearlyIncome, size, false, STATION_A, false, 2,
                mergedFrom.isEmpty() ? "" : "\"mergedFrom\": " + mergedFrom + ",");
    }

    /** One entry of {@code mergedFrom}: file {@code id}, and pairs of member ids: from (in it), into (the survivor). */
    public static String merged(long id, long... fromInto) {
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i + 1 < fromInto.length; i += 2) {
            pairs.append(pairs.length() == 0 ? "" : ", ")
                    .append("{\"from\": %d, \"into\": %d}".formatted(fromInto[i], fromInto[i + 1]));
        }
        return "{\"id\": %d, \"members\": [%s]}".formatted(id, pairs);
    }

    private static void putWorker(long id, String status, String category, String yearlyIncome, int size, boolean migrant,
                                  String station, boolean exitProposed, int students, String more) {
        String path = "/C01/" + station + "/";
        StringBuilder members = new StringBuilder();
        for (int i = 1; i <= students; i++) {
            members.append(i == 1 ? "" : ", ").append("""
                    {"id": %d, "relation": "CHILD", "name": "张小三", "birthDate": "2005-01-01",
                     "student": true, "school": "Some University", "grade": "1", "ill": false, "disabled": false}"""
                    .formatted(id * 10 + i));
        }
        put("/workers/" + id, """
                {"id": %d, "status": "%s", "category": "%s", "stationCode": "%s", "stationPath": "%s", "exitProposed": %s, %s
                 "enterpriseId": 7, "mainCause": "ILLNESS", "otherCauses": ["UNEMPLOYMENT"], "migrantWorker": %s,
                 "name": "张三", "idNumberMasked": "**************1234",
                 "household": {"size": %d, "yearlyIncome": "%s", "rigidCosts": "0.00", "members": [%s]}}
                """.formatted(id, status, category, station, path, exitProposed, more, migrant, size, yearlyIncome, members));
    }

    /** The file's bank account as the registry gives it to a service (full number). */
    public static void bankAccount(long workerId, String bankName, String accountNumber, String accountName) {
        put("/bank-accounts/" + workerId, """
                {"bankName": "%s", "accountNumber": "%s", "accountName": "%s"}""".formatted(json(bankName), json(accountNumber),
                json(accountName)));
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The member id of the student in the file made by {@link #worker}. */
    public static long studentOf(long workerId) {
        return workerId * 10 + 1;
    }

    /** The member id of the second student in a file made by {@link #survivor}. */
    public static long secondStudentOf(long workerId) {
        return workerId * 10 + 2;
    }

    /** The X-Request-Id of the last call the registry received. */
    public static String lastRequestId() {
        return given().baseUri(control()).when().get("/last-request-id").then().statusCode(200).extract().asString();
    }

    public static void down() {
        post("/down");
    }

    /** The registry takes calls and never answers them. */
    public static void hang() {
        post("/hang");
    }

    public static void up() {
        post("/up");
    }

    private static String station(String code, String parent, String path) {
        return "{\"code\":\"%s\",\"name\":\"Station %s\",\"parentCode\":%s,\"level\":\"%s\",\"path\":\"%s\"}"
                .formatted(code, code, parent == null ? "null" : "\"" + parent + "\"",
                        parent == null ? "CITY" : "DISTRICT", path);
    }

    private static void put(String path, String body) {
        given().baseUri(control()).contentType(ContentType.JSON).body(body).when().put(path).then().statusCode(204);
    }

    private static void post(String path) {
        given().baseUri(control()).when().post(path).then().statusCode(204);
    }

    private static String control() {
        return ConfigProvider.getConfig().getValue(RegistryStub.CONTROL_URL, String.class);
    }
}
