package dev.springmfa.demo.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, with the few page
 * operations the browser tests need. Both executables are named explicitly, so that
 * Selenium Manager never looks for (or downloads) a browser or a driver.
 */
final class Browser implements AutoCloseable {

	private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

	private static final Dimension DESKTOP = new Dimension(1280, 900);

	private static final Dimension PHONE = new Dimension(390, 844);

	private final ChromeDriver driver;

	private final WebDriverWait wait;

	private final Path downloads;

	private final Path screenshots;

	private int screenshotCount;

	private Browser(ChromeDriver driver, Path downloads, Path screenshots) {
		this.driver = driver;
		this.wait = new WebDriverWait(driver, Duration.ofSeconds(10));
		this.downloads = downloads;
		this.screenshots = screenshots;
	}

	static boolean installed() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	/**
	 * Skip the calling test when Chromium is not installed. Called per test, since
	 * Surefire reports a class skipped as a whole as no test at all.
	 */
	static void assumeInstalled() {
		assumeTrue(installed(), "Chromium not installed: apt-get install -y chromium chromium-driver");
	}

	/**
	 * Start Chromium.
	 * @param profile an empty directory for the browser profile and its downloads
	 * @param screenshots the directory of the screenshots, under
	 * {@code target/screenshots}
	 */
	static Browser start(Path profile, String screenshots) {
		Path downloads = profile.resolve("downloads");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// The machine may be offline: Chromium must not try to reach Google's services.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run", "--hide-scrollbars",
				"--user-data-dir=" + profile.resolve("chromium"),
				"--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());
		options.setExperimentalOption("prefs",
				Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new Browser(new ChromeDriver(service, options), downloads,
				Paths.get("target", "screenshots", screenshots));
	}

	WebDriver driver() {
		return this.driver;
	}

	void open(String url) {
		this.driver.get(url);
	}

	/** Press the browser's Back button. */
	void back() {
		this.driver.navigate().back();
	}

	/** Press the browser's Forward button. */
	void forward() {
		this.driver.navigate().forward();
	}

	/** Reload the page, as F5 does. */
	void reload() {
		this.driver.navigate().refresh();
	}

	String url() {
		return this.driver.getCurrentUrl();
	}

	/**
	 * Return the id of the element that has the focus, once the page has moved it there.
	 */
	String waitForFocus(String id) {
		this.wait.until((driver) -> id.equals(focusedId()));
		return focusedId();
	}

	private String focusedId() {
		return (String) script("return document.activeElement && document.activeElement.id");
	}

	WebElement visible(String id) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
	}

	void waitUntilHidden(String id) {
		this.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id(id)));
	}

	void type(String id, String text) {
		WebElement input = visible(id);
		input.clear();
		input.sendKeys(text);
	}

	void click(String id) {
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
	}

	String text(String id) {
		return visible(id).getText();
	}

	/** Wait for a text in an element and return the element's whole text. */
	String waitForText(String id, String text) {
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
		return text(id);
	}

	/** Wait for an element to show some text and return it. */
	String waitForAnyText(String id) {
		return this.wait.until((driver) -> {
			String text = driver.findElement(By.id(id)).getText();
			return text.isEmpty() ? null : text;
		});
	}

	List<WebElement> all(String cssSelector) {
		return this.driver.findElements(By.cssSelector(cssSelector));
	}

	/** Run a script in the page; a promise that it returns is awaited. */
	Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	/** Wait for a downloaded file and return its content. */
	String downloaded(String fileName) {
		Path file = this.downloads.resolve(fileName);
		this.wait.until((driver) -> Files.isRegularFile(file));
		return read(file);
	}

	/** Save the whole page as {@code target/screenshots/<mode>/<nn>-<name>.png}. */
	void screenshot(String name) {
		Dimension window = this.driver.manage().window().getSize();
		// Headless Chromium captures the viewport only: grow it to the page for the shot.
		long height = (Long) script("window.scrollTo(0, 0);"
				+ " return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight");
		this.driver.manage()
			.window()
			.setSize(new Dimension(window.getWidth(), (int) Math.max(window.getHeight(), height)));
		try {
			save(name);
		}
		finally {
			this.driver.manage().window().setSize(window);
		}
	}

	/** Save the page as a phone shows it, 390 by 844 CSS pixels. */
	void phoneScreenshot(String name) {
		Dimension window = this.driver.manage().window().getSize();
		this.driver.manage().window().setSize(PHONE);
		try {
			save(name);
		}
		finally {
			this.driver.manage().window().setSize(window);
		}
	}

	private void save(String name) {
		byte[] png = this.driver.getScreenshotAs(OutputType.BYTES);
		try {
			Files.createDirectories(this.screenshots);
			Files.write(this.screenshots.resolve(String.format("%02d-%s.png", ++this.screenshotCount, name)), png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
