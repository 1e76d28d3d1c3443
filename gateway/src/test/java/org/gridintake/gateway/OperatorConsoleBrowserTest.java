package org.gridintake.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator console in a real browser (Debian's headless Chromium): an operator types
 * a call in, sees where the address lands, files it or attaches the caller to an open
 * case nearby, and reads out the case number.
 */
class OperatorConsoleBrowserTest extends GatewayIntegrationTest {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private static WebDriver browser;

	private static Path profile;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() throws IOException {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files
			.isExecutable(CHROMEDRIVER), "the operator console browser test needs headless Chromium and its driver: "
					+ "install the Debian packages chromium chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
		profile = Files.createTempDirectory("console-chromium-");
		ChromeOptions options = new ChromeOptions();
		// the binary and the driver are named, so Selenium Manager never looks for (or
		// downloads) either
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile);
		ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(driver, options);
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		if (profile != null) {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	@BeforeEach
	void openConsole() {
		browser.get("http://127.0.0.1:" + this.port + "/console/");
		type("console-key", CLIENT_KEYS.get("console"));
		type("operator-id", "OP-B07");
	}

	@Test
	void anOperatorSeesTheGridFilesTheCallAndReadsOutItsCaseNumber() {
		String caller = OperatorConsoleApiTest.newMobile();
		String summary = "来电人反映双榆街115号楼下饭馆油烟直排，熏得受不了。" + UUID.randomUUID();
		type("caller", caller);
		type("summary", summary);
		pickCategory("1109");
		type("address", "双榆街115号楼下");

		waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("resolved-grid"), "110199005001029"));
		assertThat(text("resolved-grid")).contains("兴华社区第29网格").contains("兴华社区").contains("北新街道");

		browser.findElement(By.id("submit")).click();
		String caseNumber = awaitCaseNumber();

		Map<String, Object> stored = this.jdbc
			.sql("select channel, grid_code, description, category_code, reporter_mobile, filer_id "
					+ "from report_case where case_number = ?")
			.param(caseNumber)
			.query()
			.singleRow();
		assertThat(stored).containsEntry("channel", "HOTLINE")
			.containsEntry("grid_code", "110199005001029")
			.containsEntry("description", summary)
			.containsEntry("category_code", "1109")
			.containsEntry("reporter_mobile", caller)
			.containsEntry("filer_id", "OP-B07");
		// the key the operator typed is kept for the session, not beyond it
		assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('console.console-key')"))
			.isEqualTo(CLIENT_KEYS.get("console"));
	}

	@Test
	void aNearbyOpenCaseIsListedAndAttachingMakesTheCallerALinkedDuplicate() {
		String master = openCase("健身器材单杠断裂有危险 " + UUID.randomUUID(), "幸福路129号", "0105");
		String caller = OperatorConsoleApiTest.newMobile();
		type("caller", caller);
		type("summary", "来电人也反映幸福路129号单杠断了");
		pickCategory("0105");
		type("address", "幸福路129号");

		WebElement listed = nearbyCase(master);
		assertThat(listed.getText()).contains("健身器材单杠断裂有危险");
		listed.findElement(By.cssSelector("button.attach")).click();

		assertThat(awaitCaseNumber()).isEqualTo(master);
		assertThat(text("case-detail")).contains(master);
		Map<String, Object> call = this.jdbc.sql("""
				select c.status, c.channel, c.description, m.case_number as master
				from report_case c join report_case m on m.id = c.master_case_id
				where c.reporter_mobile = ?""").param(caller).query().singleRow();
		assertThat(call).containsEntry("status", "MERGED")
			.containsEntry("channel", "HOTLINE")
			.containsEntry("description", "来电人也反映幸福路129号单杠断了")
			.containsEntry("master", master);
	}

	@Test
	void aDescriptionWithMarkupIsShownAsTextAndNeverRuns() {
		String description = "垃圾箱被砸 <script>document.title='pwned'</script>"
				+ "<img src=x onerror=\"document.title='pwned'\"> " + UUID.randomUUID();
		String master = openCase(description, "幸福路131号", "0104");
		pickCategory("0104");
		type("address", "幸福路131号");

		WebElement listed = nearbyCase(master);
		assertThat(listed.findElement(By.cssSelector(".description")).getText()).isEqualTo(description);
		assertThat(browser.findElements(By.cssSelector("#nearby img, #nearby script"))).isEmpty();
		assertThat(browser.getTitle()).isEqualTo("热线来电受理台");
	}

	/** An open case filed through the API, as another operator would have. */
	private String openCase(String description, String address, String category) {
		String json = """
				{"call_id": "CC-%s", "operator_id": "OP001", "caller": "%s",
				 "started_at": "2026-07-01T09:00:00+08:00", "ended_at": "2026-07-01T09:03:00+08:00",
				 "summary": %s, "address": "%s", "category": "%s"}""".formatted(UUID.randomUUID(),
				OperatorConsoleApiTest.newMobile(), jsonString(description), address, category);
		return acceptedCaseNumber(this.http.post()
			.uri("/api/v1/hotline/calls")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json.getBytes(StandardCharsets.UTF_8))
			.exchange());
	}

	private static String jsonString(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static WebElement nearbyCase(String caseNumber) {
		By listed = By.cssSelector("#nearby li[data-case-number='" + caseNumber + "']");
		waitUntil(ExpectedConditions.presenceOfElementLocated(listed));
		return browser.findElement(listed);
	}

	private static String awaitCaseNumber() {
		waitUntil((driver) -> !text("case-number").isEmpty());
		return text("case-number");
	}

	private static void pickCategory(String code) {
		waitUntil(
				ExpectedConditions.presenceOfElementLocated(By.cssSelector("#category option[value='" + code + "']")));
		new Select(browser.findElement(By.id("category"))).selectByValue(code);
	}

	private static void type(String id, String text) {
		WebElement field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	private static String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private static <T> T waitUntil(java.util.function.Function<WebDriver, T> condition) {
		return new WebDriverWait(browser, PATIENCE).until(condition::apply);
	}

}
