package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rdht.cli.Reading;
import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.crypto.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code bin/monitor --web 0} in a real browser: Debian's Chromium, headless, driven by Selenium
 * through Debian's chromedriver. Skipped (with the reason) only when those two are not installed.
 */
class MonitorWebLauncherTest extends ProcessTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration LIVE = Duration.ofSeconds(2);
    private static final Pattern PORT = Pattern.compile("on port (\\d+)");
    private static final Pattern URL = Pattern.compile("live map on (http://\\S+)");
    private static final int[] LEVELS = {12, 30, 48, 71, 93};

    private final Path bin = Path.of(System.getProperty("rdht.bin", "../../bin"));
    private final List<DhtNode> sensors = new ArrayList<>();
    private ChromeDriver browser;

    @AfterEach
    void closeBrowserAndSensors() {
        if (browser != null) {
            browser.quit();
        }
        sensors.forEach(DhtNode::close);
    }

    private static String band(int level) {
        return level < 34 ? "low" : level < 67 ? "mid" : "high";
    }

    @Test
    void fiveSensorsAppearOnTheMapWithTheirLevelsWithinTwoSecondsOfTheLastPublish() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver");
        RdhtProcess monitor = track(RdhtProcess.launch(
                bin.resolve("monitor"),
                config,
                "--plain",
                "-p",
                "0",
                "--bind",
                "127.0.0.1",
                "--web",
                "0",
                "--tiles",
                "none"));
        Matcher port = PORT.matcher(monitor.awaitErrLine(l -> PORT.matcher(l).find(), START));
        Matcher url = URL.matcher(monitor.awaitErrLine(l -> URL.matcher(l).find(), START));
        assertThat(port.find() && url.find()).isTrue();
        browser = chromium();
        browser.get(url.group(1));
        new WebDriverWait(browser, WAIT)
                .until(b -> b.findElement(By.id("status")).getText().startsWith("live"));

        for (int level : LEVELS) {
            publish(port.group(1), level);
        }
        long published = System.nanoTime();

        Map<String, String> onMap = new WebDriverWait(browser, LIVE)
                .pollingEvery(Duration.ofMillis(50))
                .until(b -> {
                    Map<String, String> levels = markers();
                    return levels.size() == LEVELS.length ? levels : null;
                });
        long millis = (System.nanoTime() - published) / 1_000_000;
        Map<String, String> expected = new TreeMap<>();
        for (int level : LEVELS) {
            expected.put(String.valueOf(level), "sensor level-" + band(level));
        }
        assertThat(onMap)
                .as("markers on the map %d ms after the last publish", millis)
                .isEqualTo(expected);
        assertThat(browser.findElements(By.cssSelector("#latest tbody tr"))).hasSize(LEVELS.length);

        browser.findElements(By.cssSelector("#latest tbody tr")).getFirst().click();
        WebElement history = browser.findElement(By.id("history"));
        assertThat(history.isDisplayed())
                .as("a selected sensor's history is shown")
                .isTrue();
        assertThat(browser.findElements(By.cssSelector("#history-list li"))).isNotEmpty();
        screenshot("monitor-web.png");

        browser.manage().window().setSize(new Dimension(390, 844));
        new WebDriverWait(browser, WAIT).until(b -> {
            WebElement map = b.findElement(By.id("map"));
            WebElement panel = b.findElement(By.id("panel"));
            return map.getSize().getWidth() <= 390
                    && panel.getLocation().getY() >= map.getSize().getHeight();
        });
        screenshot("monitor-web-phone.png");
    }

    /** Level of each marker on the map (its data-level) and its classes, by level. */
    @SuppressWarnings("unchecked")
    private Map<String, String> markers() {
        List<List<String>> found = (List<List<String>>)
                ((JavascriptExecutor) browser)
                        .executeScript(
                                "return [...document.querySelectorAll('#map path.sensor')]"
                                        + ".map(p => [p.dataset.level, p.getAttribute('class').replace('leaflet-interactive', '').trim()]);");
        Map<String, String> levels = new TreeMap<>();
        for (List<String> marker : found) {
            levels.put(marker.get(0), marker.get(1));
        }
        return found.size() == levels.size() ? levels : Map.of();
    }

    private void publish(String monitorPort, int level) {
        Identity identity = Identity.generate();
        DhtNode sensor = DhtNode.create(DhtConfig.builder()
                        .bindHost("127.0.0.1")
                        .port(0)
                        .bootstrap("127.0.0.1:" + monitorPort)
                        .identity(identity)
                        .build())
                .start()
                .block(WAIT);
        sensors.add(sensor);
        String reading = "{\"lvl_percent\":" + level + ",\"lat\":" + (39.0 + level / 1000.0) + ",\"long\":"
                + (125.7 + (level % 7) / 100.0) + "}";
        sensor.putSigned(
                        InfoHash.of(Reading.KEY),
                        Value.builder()
                                .text(reading)
                                .contentType(Reading.CONTENT_TYPE)
                                .build())
                .block(WAIT);
    }

    private static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1100,700");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", name);
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
