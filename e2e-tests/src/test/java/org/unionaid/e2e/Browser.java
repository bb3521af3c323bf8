package org.unionaid.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One headless Chromium driven through the system's chromedriver (Debian's chromium and
 * chromium-driver): nothing is downloaded at test time. Screenshots of each step go to
 * target/console-screens, downloads to target/console-downloads.
 */
final class Browser implements AutoCloseable {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    final WebDriver driver;
    final Path screens = Path.of("target/console-screens").toAbsolutePath();
    final Path downloads = Path.of("target/console-downloads").toAbsolutePath();
    private int shot;

    /** The browser and driver found here (CHROME_BIN, CHROMEDRIVER override), or why there are none. */
    record Found(String browser, String driver) {
    }

    static Optional<Found> find() {
        Optional<String> browser = first(System.getenv("CHROME_BIN"), BROWSERS);
        Optional<String> driver = first(System.getenv("CHROMEDRIVER"), DRIVERS);
        return browser.isPresent() && driver.isPresent() ? Optional.of(new Found(browser.get(), driver.get())) : Optional.empty();
    }

    private static Optional<String> first(String given, List<String> usual) {
        if (given != null && !given.isBlank()) {
            return Files.isExecutable(Path.of(given)) ? Optional.of(given) : Optional.empty();
        }
        return usual.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    Browser(Found found) throws IOException {
        Files.createDirectories(screens);
        Files.createDirectories(downloads);
        try (var old = Files.list(downloads)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(found.browser());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=zh-CN", "--no-first-run", "--disable-extensions");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "intl.accept_languages", "zh-CN,zh"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(found.driver()))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement await(By by) {
        return until("visible: " + by, ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitText(By by, String text) {
        until("'" + text + "' in " + by, ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    void awaitUrl(String part) {
        until("URL with " + part, ExpectedConditions.urlContains(part));
    }

    /**
     * Waits up to 30 s; when it times out, a screenshot of the page (failure-...) and what the page
     * says in its notices go into the error, so a failed run shows what the user would have seen.
     */
    <T> T until(String what, java.util.function.Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage(what).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            String seen;
            try {
                Path file = screenshot("failure");
                seen = " at " + driver.getCurrentUrl() + "; notices: " + driver.findElements(By.cssSelector(".notice, .error"))
                        .stream().map(WebElement::getText).filter(t -> !t.isBlank()).toList() + "; screenshot " + file;
            } catch (IOException | RuntimeException again) {
                seen = "";
            }
            throw new AssertionError("waited 30 s for " + what + seen, e);
        }
    }

    /** Forgets every cookie of the browser: Keycloak's session too, whatever its path. */
    void forgetSessions() {
        ((ChromeDriver) driver).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** The input of the form field whose name is given (labels are checked: every field has one). */
    WebElement field(String form, String name) {
        return await(By.cssSelector("form[data-form='" + form + "'] [name='" + name + "']"));
    }

    void type(String form, String name, String text) {
        WebElement input = field(form, name);
        input.clear();
        input.sendKeys(text);
    }

    void choose(String form, String name, String value) {
        new Select(field(form, name)).selectByValue(value);
    }

    void submit(String form) {
        await(By.cssSelector("form[data-form='" + form + "'] button[type='submit']")).click();
    }

    /** The message shown beside a field after a refused request, or "" when none. */
    String errorOf(String form, String name) {
        return await(By.cssSelector("form[data-form='" + form + "'] [data-error-for='" + name + "']")).getText();
    }

    String notice(String form) {
        return await(By.cssSelector("form[data-form='" + form + "'] .notice")).getText();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A numbered screenshot of the page as it is now. */
    Path screenshot(String name) throws IOException {
        Path file = screens.resolve(String.format("%02d-%s.png", ++shot, name));
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** Waits for a finished download of that name (Chromium writes .crdownload until then). */
    Path awaitDownload(String name) {
        Path file = downloads.resolve(name);
        until("download " + name, d -> Files.isRegularFile(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
