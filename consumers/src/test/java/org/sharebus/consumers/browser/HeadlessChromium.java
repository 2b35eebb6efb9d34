package org.sharebus.consumers.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * A real browser for the page tests: Debian's chromium and chromedriver, headless, with a profile
 * of its own that is removed on close. Shared by the consumers' page tests and (through this
 * module's test-jar) the launcher's demo walk-through.
 */
public final class HeadlessChromium implements AutoCloseable {

    private final ChromeDriver driver;
    private final Path userDataDir;
    private final Duration patience;

    private HeadlessChromium(ChromeDriver driver, Path userDataDir, Duration patience) {
        this.driver = driver;
        this.userDataDir = userDataDir;
        this.patience = patience;
    }

    /**
     * @param width, height the window, which is also the screenshots' size
     * @param patience      how long {@link #await()} waits for a page to show what is expected
     */
    public static HeadlessChromium start(int width, int height, Duration patience) throws IOException {
        Path userDataDir = Files.createTempDirectory("sharebus-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + width + "," + height, "--user-data-dir=" + userDataDir);
        // The console, for consoleErrors(): a script the content security policy blocked shows only there.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options), userDataDir, patience);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Lays pages out as a phone of that size does (a touch screen, the page's viewport meta honoured),
     * which a desktop window cannot be made as narrow as; {@code 0, 0} returns to the window's size.
     */
    public void screen(int width, int height) {
        if (width == 0) {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } else {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
        }
    }

    /** A wait that polls every 25 ms for up to the patience given at start. */
    public WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(driver, patience);
        wait.pollingEvery(Duration.ofMillis(25));
        return wait;
    }

    /** Signs a staff member in through the login page, starting from a protected page, and waits for the signed-in header. */
    public void logIn(String baseUrl, String username, String password) {
        driver.get(baseUrl + "/staff/enterprises");
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("current-user")));
    }

    /** The element's visible text, stripped, once it is visible. */
    public String text(By by) {
        return await().until(ExpectedConditions.visibilityOfElementLocated(by)).getText().strip();
    }

    /** The visible texts of every element found now, stripped. */
    public List<String> texts(By by) {
        return driver.findElements(by).stream().map(WebElement::getText).map(String::strip).toList();
    }

    /** The form fields shown now that a screen reader cannot name (no label, aria-label, title or placeholder). */
    public List<String> unnamedFields() {
        return driver.findElements(By.cssSelector("input:not([type=hidden]):not([type=submit]), select, textarea")).stream()
                .filter(WebElement::isDisplayed).filter(field -> field.getAccessibleName().isBlank())
                .map(field -> field.getTagName() + "[name=" + field.getDomAttribute("name") + "]").toList();
    }

    /**
     * The contrast ratio (WCAG 2, 1 to 21) of the text of every element found now against what is behind
     * it: its own background or, where that is transparent, the nearest ancestor's. Opaque colours only.
     */
    public List<Double> contrast(By by) {
        return driver.findElements(by).stream().map(element -> ((Number) driver.executeScript("""
                function rgb(css) { return css.match(/[\\d.]+/g).map(Number); }
                function luminance(css) {
                  const [r, g, b] = rgb(css).slice(0, 3).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
                  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
                }
                let behind = arguments[0];
                while (behind && (rgb(getComputedStyle(behind).backgroundColor)[3] === 0)) { behind = behind.parentElement; }
                const back = behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)';
                const [light, dark] = [luminance(getComputedStyle(arguments[0]).color), luminance(back)].sort((a, b) => b - a);
                return (light + 0.05) / (dark + 0.05);""", element)).doubleValue()).toList();
    }

    /** The console's errors since the last call (the browser's log is read once), e.g. content security policy violations. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Saves what the window shows as {@code <directory>/<name>.png}. */
    public void screenshot(Path directory, String name) {
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save screenshot " + name, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            FileSystemUtils.deleteRecursively(userDataDir);
        }
    }
}
