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
        String path = "/C01/" + station + "/";
        put("/workers/" + id, """
                {"id": %d, "status": "%s", "category": "%s", "stationCode": "%s", "stationPath": "%s", "exitProposed": %s,
                 "enterpriseId": 7, "mainCause": "ILLNESS", "otherCauses": ["UNEMPLOYMENT"], "migrantWorker": %s,
                 "name": "张三", "idNumberMasked": "**************1234",
                 "household": {"size": %d, "yearlyIncome": "%s", "rigidCosts": "0.00",
                   "members": [{"id": %d, "relation": "CHILD", "name": "张小三", "birthDate": "2005-01-01",
                                "student": true, "school": "Some University", "grade": "1", "ill": false, "disabled": false}]}}
                """.formatted(id, status, category, station, path, exitProposed, migrant, size, yearlyIncome, studentOf(id)));
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
