package io.herald.it.browser;

import io.herald.it.support.PayaraProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) with a fresh profile,
 * driven over WebDriver. Missing binaries fail the test loudly: browser tests are never skipped.
 */
final class Chromium implements AutoCloseable {

    static final String BINARY = System.getProperty("chromium.binary", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("chromium.driver", "/usr/bin/chromedriver");

    /** Selenium warns on every start that it has no CDP bindings for this Chromium; WebDriver needs none. */
    private static final List<Logger> QUIET = Stream.of("org.openqa.selenium.devtools", "org.openqa.selenium.chromium")
            .map(Logger::getLogger)
            .peek(logger -> logger.setLevel(Level.SEVERE))
            .toList();

    private final Path profile;
    private final ChromeDriver driver;

    private Chromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Fails unless both binaries are installed, naming the command that installs them. */
    static void requireInstalled() {
        if (!new File(BINARY).canExecute() || !new File(DRIVER).canExecute()) {
            throw new AssertionError("""
                    BROWSER TESTS CANNOT RUN: Chromium (%s) or chromedriver (%s) is missing.
                    Install them with:   sudo apt-get install -y chromium chromium-driver   (Debian/Ubuntu)
                    or point -Dchromium.binary=... and -Dchromium.driver=... at a matching pair.
                    .ci/run installs them on CI.""".formatted(BINARY, DRIVER));
        }
    }

    static Chromium start() {
        requireInstalled();
        try {
            Path profile = Files.createTempDirectory("herald-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BINARY);
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(DRIVER))
                    .usingAnyFreePort()
                    .build();
            try {
                return new Chromium(profile, new ChromeDriver(service, options));
            } catch (RuntimeException e) {
                delete(profile);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(String url) {
        driver.get(url);
    }

    /** Runs {@code script} as a function body in the page; a returned Promise is awaited. */
    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until {@code condition} (a JavaScript expression) is truthy in the page. */
    void await(String what, Duration timeout, String condition) {
        awaitTrue(what, timeout, () -> Boolean.TRUE.equals(js("return !!(" + condition + ");")));
    }

    static void awaitTrue(String what, Duration timeout, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            PayaraProcess.pause(100);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
