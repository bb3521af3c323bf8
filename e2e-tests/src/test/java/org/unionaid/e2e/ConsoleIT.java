package org.unionaid.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.unionaid.testsupport.DocumentSamples;
import org.unionaid.testsupport.KeycloakServer;
import org.unionaid.testsupport.TestTokens;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The staff console in a real headless Chromium: each role signs in through Keycloak (the realm of
 * deploy/keycloak, its demo users) and does the day's work on the gateway's origin — a clerk files a
 * household and records its checks, a reviewer approves it, the clerk applies with a medical bill,
 * the reviewer approves the application, finance pays it in a bank file and uploads the bank's
 * result, the analyst sees it in the dashboard. Screenshots of each step in target/console-screens.
 * Skips, saying so, only when no Chromium or chromedriver is found.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** clerk2's station in the realm's demo users. */
    private static final String STATION = "C01-D01-S01-C01";
    private static final String PROJECT = "SERIOUS_ILLNESS";
    private static final String NAME = "刘桂芳";
    private static final String ID_NUMBER = "110105196203150026";

    private static Browser browser;
    private static TheSystem system;
    private static KeycloakServer keycloak;
    private static String gateway;
    private static String issuer;
    // what the story made, for the steps after
    private static long file;
    private static long application;
    private static long bankFile;

    @BeforeAll
    static void startTheSystemKeycloakAndABrowser() throws Exception {
        var found = Browser.find();
        Assumptions.assumeTrue(found.isPresent(), "SKIPPED: the console's browser tests need Chromium and chromedriver "
                + "(Debian: apt-get install chromium chromium-driver; or set CHROME_BIN and CHROMEDRIVER); none found");
        Optional<String> noKeycloak = KeycloakServer.unavailable();
        Assumptions.assumeTrue(noKeycloak.isEmpty(), () -> "SKIPPED: the console's browser tests: " + noKeycloak.orElse(""));
        system = new TheSystem(Path.of(System.getProperty("e2e.root", "..")));
        system.checkBuilt();
        try {
            // one Keycloak for the test JVM (KeycloakSignInIT shares it), this console's origin let in
            keycloak = system.trustKeycloak();
            gateway = system.url("gateway");
            issuer = keycloak.issuer();
            system.start();
            browser = new Browser(found.get());
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
        setUpTheCity();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
        // the shared Keycloak stops with the JVM, after every suite that uses it
    }

    /** A token of Keycloak's issuer and key (the realm signs with the local key), for what no console screen does (admin, budgets). */
    private static RequestSpecification as(String role) {
        String token = TestTokens.token(issuer, role, null, "e2e-" + role);
        return given().baseUri(gateway).header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    private static void setUpTheCity() {
        int year = LocalDate.now(CHINA).getYear();
        as("admin").body(Map.of("monthlyAmount", "930.00")).put("/api/v1/settings/minimum-living-standard/" + year)
                .then().statusCode(200);
        String[][] stations = {{"C01", null, "CITY"}, {"C01-D01", "C01", "DISTRICT"}, {"C01-D01-S01", "C01-D01", "STREET"},
            {STATION, "C01-D01-S01", "COMMUNITY"}};
        for (String[] s : stations) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("code", s[0], "name", s[0] + " 帮扶站", "level", s[2]));
            if (s[1] != null) {
                body.put("parentCode", s[1]);
            }
            as("admin").body(body).post("/api/v1/stations").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        }
        as("finance").body(Map.of("amount", "100000.00")).put("/api/v1/projects/" + PROJECT + "/budgets/" + year)
                .then().statusCode(200);
    }

    /** Signs in through Keycloak's login page as a demo user and waits for the console's sections. */
    private static void signIn(String user) throws Exception {
        // whoever was signed in before (a step that failed half-way) is forgotten
        browser.forgetSessions();
        browser.open(gateway + "/");
        browser.await(By.id("signin")).click();
        browser.await(By.id("username")).sendKeys(user);
        browser.await(By.id("password")).sendKeys("demo");
        browser.await(By.id("kc-login")).click();
        browser.await(By.cssSelector("nav a"));
        browser.awaitText(By.id("who"), user);
        assertEquals(0L, browser.js("return window.localStorage.length && Object.keys(localStorage).filter(k => k !== 'union-aid.lang').length"),
                "no token in localStorage");
        assertEquals(0L, unlabelled(), "every field has a label");
        browser.screenshot(user + "-signed-in");
    }

    private static void signOut(String user) throws Exception {
        browser.await(By.id("signout")).click();
        browser.await(By.id("signin"));
        assertTrue(!browser.driver.findElement(By.id("who")).getText().contains(user), "signed out");
    }

    /** Form fields without a label (label for=, or an aria-label) on the page now. */
    private static long unlabelled() {
        return (Long) browser.js("return Array.from(document.querySelectorAll('input, select, textarea'))"
                + ".filter(e => e.type !== 'hidden' && !e.getAttribute('aria-label') && !(e.id && document.querySelector('label[for=\"' + e.id + '\"]'))).length");
    }

    private static void go(String hash) {
        browser.js("location.hash = arguments[0]", hash);
    }

    @Test
    @Order(1)
    void theFirstScreenIsQuickChineseByDefaultAndEnglishByASwitch() throws Exception {
        browser.open(gateway + "/");
        WebElement signIn = browser.await(By.id("signin"));
        assertEquals("登录", signIn.getText());
        double ready = ((Number) browser.js("return performance.getEntriesByName('console-ready')[0].startTime")).doubleValue();
        assertTrue(ready < 1000, "first screen ready in " + ready + " ms (under 1 s)");
        System.out.printf("console: first screen ready %.0f ms after navigation%n", ready);
        browser.screenshot("sign-in-zh");
        browser.await(By.id("lang")).click();
        browser.awaitText(By.id("signin"), "Sign in");
        assertEquals("en", browser.js("return document.documentElement.lang"));
        browser.screenshot("sign-in-en");
        browser.await(By.id("lang")).click();
        browser.awaitText(By.id("signin"), "登录");
    }

    @Test
    @Order(2)
    void aClerkFilesAHouseholdWithTheIdNumberCheckedAsTypedAndRecordsTheFourChecks() throws Exception {
        signIn("clerk2");
        go("#/new-file");
        browser.type("new-file", "name", NAME);
        // keyboard: the next field is the ID number
        browser.field("new-file", "name").sendKeys(Keys.TAB);
        assertEquals("idNumber", browser.js("return document.activeElement.name"));
        WebElement id = browser.field("new-file", "idNumber");
        id.sendKeys(ID_NUMBER.substring(0, 17) + "9");
        browser.awaitText(By.cssSelector("form[data-form='new-file'] .field:has([name='idNumber']) .hint"), "校验位不符");
        assertEquals("true", id.getAttribute("aria-invalid"));
        id.sendKeys(Keys.BACK_SPACE, "6");
        browser.awaitText(By.cssSelector("form[data-form='new-file'] .field:has([name='idNumber']) .hint"), "校验通过");
        browser.type("new-file", "phone", "13905910001");
        browser.choose("new-file", "mainCause", "ILLNESS");
        // a refused request: the problem is shown beside the field it names, and nothing typed is lost
        browser.type("new-file", "household.yearlyIncome", "-5");
        browser.type("new-file", "household.rigidCosts", "6000.00");
        browser.type("new-file", "household.members.0.name", "张志强");
        browser.choose("new-file", "household.members.0.relation", "SPOUSE");
        browser.js("arguments[0].value = '1960-08-01'; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))",
                browser.field("new-file", "household.members.0.birthDate"));
        browser.field("new-file", "household.members.0.ill").click();
        browser.submit("new-file");
        browser.until("the income's problem beside it", d -> !browser.errorOf("new-file", "household.yearlyIncome").isEmpty());
        assertEquals(NAME, browser.field("new-file", "name").getAttribute("value"));
        assertEquals(ID_NUMBER, browser.field("new-file", "idNumber").getAttribute("value"));
        assertTrue(browser.notice("new-file").length() > 0);
        browser.screenshot("clerk-new-file-refused");
        browser.type("new-file", "household.yearlyIncome", "20000.00");
        browser.submit("new-file");
        browser.awaitUrl("#/file/");
        file = Long.parseLong(browser.driver.getCurrentUrl().replaceAll(".*#/file/", ""));
        browser.awaitText(By.id("file-status"), "待审核");
        browser.screenshot("clerk-file-filed");

        String checks = "check-" + file;
        for (String step : List.of("FIRST_REVIEW", "HOME_VISIT", "MEANS_CHECK", "PUBLIC_NOTICE")) {
            browser.choose(checks, "step", step);
            if (step.equals("HOME_VISIT")) {
                // the registry's refusal, in the console's language, beside the box it names
                browser.submit(checks);
                browser.until("the consent's problem beside it", d -> !browser.errorOf(checks, "consentSigned").isEmpty());
                assertEquals("入户调查通过时，须有困难职工签署的家庭经济状况核查授权书", browser.errorOf(checks, "consentSigned"));
                browser.screenshot("clerk-home-visit-needs-consent");
                browser.field(checks, "consentSigned").click();
            }
            browser.submit(checks);
            browser.awaitText(By.cssSelector("form[data-form='" + checks + "'] .notice"), "已保存");
            if (step.equals("HOME_VISIT")) {
                browser.field(checks, "consentSigned").click();
            }
        }
        browser.until("four checks listed", d -> d.findElements(By.cssSelector("#checks tbody tr")).size() == 4);
        browser.screenshot("clerk-four-checks");

        // at a station's phone width the form still fits: nothing scrolls sideways
        browser.size(360, 800);
        go("#/new-file");
        browser.field("new-file", "name");
        assertTrue((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"), "fits 360 px");
        browser.screenshot("clerk-new-file-360px");
        browser.size(1280, 900);
        signOut("clerk2");

        JsonPath filed = as("reviewer").get("/api/v1/workers/" + file).then().statusCode(200).extract().jsonPath();
        assertEquals("PENDING", filed.getString("status"));
        assertEquals("DEEP", filed.getString("category"));
        assertEquals(ID_NUMBER, filed.getString("idNumber"));
        assertEquals("20000.00", filed.getString("household.yearlyIncome"));
    }

    @Test
    @Order(3)
    void aReviewerApprovesTheFileFromTheQueueWithItsChecksAndHistoryBeside() throws Exception {
        signIn("reviewer");
        browser.await(By.cssSelector("a[href='#/file/" + file + "']")).click();
        browser.until("checks beside the decision", d -> d.findElements(By.cssSelector("#checks tbody tr")).size() == 4);
        browser.choose("decide-file-" + file, "to", "ACTIVE");
        browser.type("decide-file-" + file, "reason", "核查与公示无异议");
        browser.submit("decide-file-" + file);
        browser.awaitText(By.id("file-status"), "在档");
        browser.screenshot("reviewer-file-approved");
        signOut("reviewer");
        as("reviewer").get("/api/v1/workers/" + file).then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    @Order(4)
    void theClerkSetsTheBankAccountAndAppliesWithAMedicalBill() throws Exception {
        signIn("clerk2");
        go("#/file/" + file);
        browser.type("bank-" + file, "bankName", "中国工商银行北京朝阳支行");
        browser.type("bank-" + file, "accountNumber", "6222021234567890123");
        browser.submit("bank-" + file);
        browser.awaitText(By.cssSelector("form[data-form='bank-" + file + "'] .notice"), "已保存");
        String apply = "apply-" + file;
        browser.choose(apply, "projectCode", PROJECT);
        browser.type(apply, "requestedAmount", "3000.00");
        // the project's evidence is asked for by its own field
        browser.type(apply, "details.medicalBills", "住院发票 1 张");
        browser.type(apply, "details.outOfPocket", "3000.00");
        browser.submit(apply);
        WebElement made = browser.await(By.id("application-made"));
        application = Long.parseLong(made.getText().replaceAll("^\\D*#(\\d+).*$", "$1"));
        Path bill = browser.downloads.getParent().resolve("console-bill.pdf");
        Files.write(bill, DocumentSamples.pdf("住院发票 hospital bill"));
        browser.choose("app-doc-" + application, "kind", "MEDICAL_BILL");
        browser.field("app-doc-" + application, "document").sendKeys(bill.toString());
        browser.submit("app-doc-" + application);
        browser.awaitText(By.cssSelector("form[data-form='app-doc-" + application + "'] .notice"), "已上传");
        browser.screenshot("clerk-applied-with-bill");
        signOut("clerk2");
        as("reviewer").get("/api/v1/applications/" + application + "/documents").then().statusCode(200)
                .body("items.kind", equalTo(List.of("MEDICAL_BILL")));
    }

    @Test
    @Order(5)
    void theReviewerApprovesTheApplication() throws Exception {
        signIn("reviewer");
        go("#/queue-applications");
        browser.await(By.cssSelector("a[href='#/application/" + application + "']")).click();
        browser.choose("app-" + application, "approve", "true");
        browser.type("app-" + application, "reason", "符合大病救助条件");
        browser.submit("app-" + application);
        browser.awaitText(By.id("application-status"), "已批准");
        browser.screenshot("reviewer-application-approved");
        signOut("reviewer");
    }

    @Test
    @Order(6)
    void financePaysItInABankFileDownloadsItAndUploadsTheBanksResult() throws Exception {
        signIn("finance");
        go("#/to-pay");
        browser.await(By.cssSelector("form[data-form='pay-batch']"));
        new org.openqa.selenium.support.ui.Select(browser.await(By.cssSelector("main select[name='project']"))).selectByValue(PROJECT);
        browser.await(By.cssSelector("main form.row button[type='submit']")).click();
        browser.await(By.cssSelector("input[data-pick='" + application + "']")).click();
        browser.choose("pay-batch", "channel", "BANK_TRANSFER");
        browser.submit("pay-batch");
        browser.awaitText(By.cssSelector("form[data-form='pay-batch'] .notice"), "1 项中 1 项已发放");
        browser.screenshot("finance-paid-by-transfer");

        go("#/bank-files");
        browser.await(By.cssSelector("form[data-form='bank-file-new']"));
        new org.openqa.selenium.support.ui.Select(browser.await(By.cssSelector("main select[name='project']"))).selectByValue(PROJECT);
        browser.await(By.cssSelector("main > section form.row button[type='submit']")).click();
        browser.await(By.cssSelector("form[data-form='bank-file-new'] input[data-pick]")).click();
        browser.submit("bank-file-new");
        browser.awaitText(By.cssSelector("form[data-form='bank-file-new'] .notice"), "代发文件 #");
        String made = browser.notice("bank-file-new");
        bankFile = Long.parseLong(made.replaceAll("^\\D*#(\\d+).*$", "$1"));
        browser.await(By.cssSelector("button[data-download='" + bankFile + "']")).click();
        Path content = browser.awaitDownload("bank-file-" + bankFile + ".csv");
        List<String> lines = Files.readAllLines(content, StandardCharsets.UTF_8);
        assertEquals(3, lines.size(), "header, one payout, control total: " + lines);
        String[] payout = lines.get(1).split(",");
        assertEquals(NAME, payout[1]);
        assertEquals("6222021234567890123", payout[2], "the bank file carries the full account number");
        assertEquals("3000.00", payout[4]);
        Path result = browser.downloads.getParent().resolve("console-bank-result.csv");
        Files.writeString(result, "reference,status,amount,message\r\n" + payout[0] + ",SUCCESS,3000.00,OK\r\n");
        browser.field("bank-result-" + bankFile, "result").sendKeys(result.toString());
        browser.submit("bank-result-" + bankFile);
        browser.awaitText(By.cssSelector("form[data-form='bank-result-" + bankFile + "'] .notice"), "已入账 1");
        browser.awaitText(By.cssSelector("[data-bank-file-status='" + bankFile + "']"), "已完成");
        browser.screenshot("finance-bank-result-applied");

        go("#/reconciliation");
        browser.choose("reconciliation", "project", PROJECT);
        browser.submit("reconciliation");
        browser.until("reconciliation figures", d -> d.findElements(By.cssSelector("main table tbody tr")).size() == 6);
        browser.screenshot("finance-reconciliation");
        signOut("finance");
        as("finance").get("/api/v1/applications/" + application).then().statusCode(200).body("status", equalTo("PAID"));
        as("finance").get("/api/v1/bank-files/" + bankFile).then().statusCode(200).body("status", equalTo("COMPLETED"))
                .body("paid.count", equalTo(1));
    }

    @Test
    @Order(7)
    void theAnalystSeesThePayoutInTheDashboardWithTheSmallCellSuppressed() throws Exception {
        // the reports read the payout from disbursement's feed a poll later
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && as("analyst").get("/api/v1/reports/summary").jsonPath().getLong("personTimes") < 1) {
            Thread.sleep(300);
        }
        signIn("analyst");
        browser.awaitText(By.cssSelector("[data-figure='personTimes']"), "1");
        assertEquals("3,000.00", browser.await(By.cssSelector("[data-figure='amount']")).getText());
        // one person in one project and year: the cell is suppressed and said to be so
        browser.until("a suppressed cell", d -> !d.findElements(By.cssSelector("main .suppressed")).isEmpty());
        browser.until("the chart drawn", d -> !d.findElements(By.cssSelector(".chart canvas")).isEmpty());
        browser.screenshot("analyst-dashboard");
        browser.await(By.cssSelector("button[data-station='C01-D01']")).click();
        browser.awaitText(By.id("stations"), "C01-D01");
        browser.screenshot("analyst-station-drill-down");
        signOut("analyst");
        BigDecimal amount = new BigDecimal(as("analyst").get("/api/v1/reports/summary").jsonPath().getString("amount"));
        assertEquals(new BigDecimal("3000.00"), amount.setScale(2));
    }
}
