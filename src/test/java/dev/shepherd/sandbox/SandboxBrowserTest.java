package dev.shepherd.sandbox;

import static dev.shepherd.sandbox.SandboxUnderTest.ANA;
import static dev.shepherd.sandbox.SandboxUnderTest.BEN;
import static dev.shepherd.sandbox.SandboxUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.slack.view.ActionIds;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sandbox in headless Chromium, clicked through as a person would: Debian's {@code chromium}
 * and {@code chromium-driver} (installed by {@code .ci/run}); nothing is downloaded. Skipped, with
 * a message saying so, where they are not installed.
 *
 * <p>Screenshots go to {@code target/sandbox-screenshots}, or to the folder named by the system
 * property {@code sandbox.screenshots}: {@code mvn -B test -Dtest=SandboxBrowserTest
 * -Dsandbox.screenshots=docs/screenshots} refreshes those README.md and docs/getting-started.md
 * show.
 */
@Timeout(240)
class SandboxBrowserTest {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static WebDriver driver;
  private static Path profile;
  private SandboxUnderTest sandbox;

  @BeforeAll
  static void browser() throws IOException {
    Assumptions.assumeTrue(
        CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
        "Chromium is not installed ("
            + CHROMIUM
            + ", "
            + CHROMEDRIVER
            + "): the sandbox's browser"
            + " test is skipped; apt-get install chromium chromium-driver (as .ci/run does) to run it");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.getPath());
    profile = Files.createTempDirectory("sandbox-chromium-");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--window-size=1440,1000",
        "--force-device-scale-factor=1",
        "--user-data-dir=" + profile);
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void quit() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void rehearseDevWithApprovalsARefusalAFailureAndTheSummary() throws Exception {
    sandbox = new SandboxUnderTest();
    open(OPERATOR);

    type("/rollout dev");
    String choice =
        textOf(
            "the choice of runbooks",
            By.xpath(
                "//div[@id='messages']//div[contains(@class,'ephemeral')][contains(., 'Several runbooks apply to dev')]"));
    assertThat(choice).contains("Only visible to you", "/rollout dev oam-secrets");
    type("/rollout dev oam-secrets");
    await("the thread, opened", By.cssSelector("#thread-pane:not([hidden]) .bk-header"));
    press(1, ActionIds.DONE);
    String step2 = textOf("step 2", stepLocator(2, ActionIds.APPROVE));
    assertThat(step2).contains("Deploy the stack", "needs approval (0 of 1)");
    screenshot("1-step-in-thread");

    // the operator approving their own step: refused, privately, nothing changes
    press(2, ActionIds.APPROVE);
    confirm("Approve step 2?");
    String refusal =
        textOf(
            "the refusal",
            By.xpath(
                "//div[@id='thread']//div[contains(@class,'ephemeral')]"
                    + "[contains(., 'you started this rollout, so someone else must approve its steps')]"));
    assertThat(refusal).contains("Only visible to you");
    screenshot("2-own-approval-refused");

    actAs(ANA);
    assertThat(driver.findElements(By.cssSelector("#thread .ephemeral"))).isEmpty();
    press(2, ActionIds.APPROVE);
    confirm("Approve step 2?");
    await(
        "Ana's approval",
        By.xpath(
            "//div[@id='thread']//div[contains(@class,'msg')]"
                + "[contains(., 'approved by @Ana')]"));
    actAs(OPERATOR);
    press(2, ActionIds.DONE);

    // a failure shows troubleshooting and rollback at once, with Retry, Roll back and Abort
    press(3, ActionIds.FAIL);
    String failure =
        textOf(
            "the failure",
            By.xpath(
                "//div[@id='thread']//div[contains(@class,'msg')]"
                    + "[.//button[@data-action-id='"
                    + ActionIds.RETRY
                    + "']]"
                    + "[.//button[@data-action-id='"
                    + ActionIds.ROLLBACK
                    + "']]"
                    + "[.//button[@data-action-id='"
                    + ActionIds.ABORT
                    + "']]"));
    assertThat(failure).contains("Step 3 failed", "Troubleshooting", "Rollback");
    scrollToBottom();
    screenshot("3-failure-troubleshooting-and-rollback");
    pressLatest(ActionIds.RETRY);
    press(3, ActionIds.DONE);
    // Done on a step that failed: the operator is asked what fixed it, and may say
    By fixField =
        By.xpath("//div[@id='modal'][not(@hidden)][contains(., 'what fixed it?')]//textarea");
    await("what fixed it?", fixField);
    // The modal is drawn again once the thread catches up: type into the one drawn last.
    new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              WebElement field = d.findElement(fixField);
              field.clear();
              field.sendKeys("waited for the cache to expire, then ran it again");
              return d.findElement(fixField).getAttribute("value").startsWith("waited");
            });
    driver.findElement(By.id("modal-submit")).click();
    try {
      new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10))
          .until(d -> !d.findElement(By.id("modal")).isDisplayed());
    } catch (RuntimeException e) {
      throw new AssertionError(
          "the modal stayed: " + driver.findElement(By.id("modal")).getText(), e);
    }

    actAs(BEN);
    press(4, ActionIds.APPROVE);
    confirm("Approve step 4?");
    await(
        "Ben's approval",
        By.xpath(
            "//div[@id='thread']//div[contains(@class,'msg')]"
                + "[contains(., 'approved by @Ben')]"));
    actAs(OPERATOR);
    press(4, ActionIds.DONE);

    String summary =
        textOf(
            "the summary in the channel",
            By.xpath(
                "//div[@id='messages']"
                    + "//div[contains(@class,'msg')][.//div[contains(@class,'bk-header')][contains(., 'Completed')]]"));
    assertThat(summary)
        .contains(
            "Roll out partition OAM secrets",
            "dev",
            "@Olive",
            "@Ana",
            "@Ben",
            "Failures",
            "next: stage",
            "What this rollout found",
            "waited for the cache to expire, then ran it again");
    screenshot("4-summary");
  }

  @Test
  void skipAsksWhyInAModalAndTheReasonIsShown() throws Exception {
    sandbox = new SandboxUnderTest();
    open(OPERATOR);
    type("/rollout dev oam-secrets");
    step(1, ActionIds.SKIP);

    actAs(ANA);
    press(1, ActionIds.SKIP);
    confirm("Skip step 1?");
    WebElement modal = await("the skip modal", By.cssSelector("#modal:not([hidden]) textarea"));
    driver.findElement(By.id("modal-submit")).click();
    await(
        "the required field",
        By.xpath(
            "//div[@id='modal']//div[contains(@class,'bk-input-error')]"
                + "[contains(., 'Please complete this required field.')]"));
    modal.sendKeys("the drift check ran in CI an hour ago");
    screenshot("5-skip-modal");
    driver.findElement(By.id("modal-submit")).click();

    String skipped =
        textOf(
            "step 1 skipped",
            By.xpath(
                "//div[@id='thread']//div[contains(@class,'msg')]"
                    + "[contains(., 'Skipped by @Ana')]"));
    assertThat(skipped).contains("the drift check ran in CI an hour ago");
    assertThat(driver.findElement(By.id("modal")).isDisplayed()).isFalse();
  }

  @Test
  void runbookTextIsShownAsTextNeverAsMarkup(@TempDir Path folder) throws Exception {
    Path runbooks = Files.createDirectories(folder.resolve("runbooks"));
    Files.writeString(
        runbooks.resolve("hostile.md"),
        """
        ---
        id: hostile
        title: Hostile <img src=x onerror="document.title='pwned'"> runbook
        approvers: [U024BE7LH]
        ---
        # Hostile runbook

        ## Step 1: Print <script>document.title='pwned'</script> and *bold*
        Print <script>document.title='pwned'</script> and **bold**.
        Run `<b>not bold</b>` then read <a href="javascript:document.title='pwned'">this</a> & that.
        ```bash
        echo "<svg onload=alert(1)>"
        ```
        ### Rollback
        Nothing to roll back.
        """);
    Files.writeString(
        folder.resolve("shepherd.yaml"),
        """
        runbooks: ./runbooks
        partitions:
          - name: dev
            vars: {region: us-east-2}
        """);
    sandbox =
        new SandboxUnderTest(
            folder.resolve("shepherd.yaml"), runbooks.toString(), Optional.empty());
    open(OPERATOR);
    type("/rollout dev hostile");

    String step1 = textOf("step 1", stepLocator(1, ActionIds.DONE));

    assertThat(step1)
        .contains(
            "<script>document.title='pwned'</script>",
            "<b>not bold</b>",
            "echo \"<svg onload=alert(1)>\"",
            "& that");
    assertThat(driver.findElements(By.cssSelector("#app script, #app img, #app svg, #app b")))
        .isEmpty();
    assertThat(textOf("the bold word", By.xpath("//div[@id='thread']//strong[. = 'bold']")))
        .isEqualTo("bold");
    assertThat(driver.findElements(By.cssSelector("#app a[href^='javascript']"))).isEmpty();
    assertThat(driver.getTitle()).isEqualTo("Shepherd sandbox · #deploys");
  }

  @Test
  void mrkdwnIsDrawnAsSlackDrawsIt() throws Exception {
    sandbox = new SandboxUnderTest();
    open(OPERATOR);
    String[][] cases = {
      {
        "*bold* _italic_ ~struck~",
        "<div class=\"mk-text\"><strong>bold</strong> <em>italic</em> <s>struck</s></div>"
      },
      {"snake_case_name and 2*3*4", "<div class=\"mk-text\">snake_case_name and 2*3*4</div>"},
      {
        "&lt;b&gt; &amp;amp; `&lt;i&gt;`",
        "<div class=\"mk-text\">&lt;b&gt; &amp;amp; <code class=\"mk-code\">&lt;i&gt;</code></div>"
      },
      {
        "<@U024BE7LH> <@U0NOBODY> <#C0SANDBOX> <!here>",
        "<div class=\"mk-text\">"
            + "<span class=\"mk-mention\" title=\"U024BE7LH\" data-user=\"U024BE7LH\">@Ana</span> "
            + "<span class=\"mk-mention\" title=\"U0NOBODY\" data-user=\"U0NOBODY\">@U0NOBODY</span> "
            + "<span class=\"mk-mention\">#deploys</span> <span class=\"mk-mention mk-me\">@here</span></div>"
      },
      {
        "<https://example.com/a?b=1&amp;c=2|the docs> <javascript:alert(1)|click>",
        "<div class=\"mk-text\">"
            + "<a class=\"mk-link\" href=\"https://example.com/a?b=1&amp;c=2\" target=\"_blank\""
            + " rel=\"noopener noreferrer\">the docs</a> click</div>"
      },
      {
        "before\n```\nline &lt;1&gt;\n  *not bold*\n```\nafter",
        "<div class=\"mk-text\">before</div>"
            + "<pre class=\"mk-pre\">line &lt;1&gt;\n  *not bold*</pre><div class=\"mk-text\">after</div>"
      },
      {
        "&gt; quoted\n&gt; more\nafter",
        "<div class=\"mk-text\"><blockquote class=\"mk-quote\">quoted<br>more"
            + "</blockquote>after</div>"
      },
      {
        ":white_check_mark: done :no_such_emoji:",
        "<div class=\"mk-text\">✅ done :no_such_emoji:</div>"
      },
    };
    for (String[] example : cases) {
      assertThat(drawn(example[0])).as(example[0]).isEqualTo(example[1]);
    }
    assertThat(drawn("<!date^1795770000^{date_short_pretty} {time}|2026-11-27 09:00 UTC>"))
        .startsWith("<div class=\"mk-text\"><span class=\"mk-date\" title=\"")
        .endsWith("\">2026-11-27 09:00 UTC</span></div>");
  }

  private String drawn(String mrkdwn) {
    return (String)
        ((JavascriptExecutor) driver)
            .executeScript(
                "const box = document.createElement('div');"
                    + " box.appendChild(Mrkdwn.render(arguments[0], {me: 'U0OPERATOR', userName: id => id === 'U024BE7LH'"
                    + " ? 'Ana' : null, channelName: id => id === 'C0SANDBOX' ? 'deploys' : null})); return box.innerHTML;",
                mrkdwn);
  }

  // ---- a person at the page -------------------------------------------------------------------

  private void open(String user) {
    driver.get(sandbox.url());
    ((JavascriptExecutor) driver).executeScript("localStorage.clear()");
    // The link the sandbox printed: its fragment carries the token the page's API asks for.
    driver.get(sandbox.sandbox.url());
    await("the page", By.cssSelector("#user option"));
    actAs(user);
  }

  private void actAs(String user) {
    new Select(driver.findElement(By.id("user"))).selectByValue(user);
    new WebDriverWait(driver, WAIT)
        .until(
            d ->
                d.findElement(By.id("user-role")).getText().length() > 0
                    && user.equals(d.findElement(By.id("user")).getAttribute("value")));
  }

  private void type(String line) {
    WebElement composer = driver.findElement(By.id("composer"));
    composer.sendKeys(line);
    composer.submit();
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.id("composer")).getAttribute("value").isEmpty());
  }

  /**
   * The message of step {@code n} in the open thread, once it shows the button {@code actionId}.
   */
  private WebElement step(int n, String actionId) {
    return await("step " + n + " with " + actionId, stepLocator(n, actionId));
  }

  /** Clicks the button {@code actionId} on step {@code n}, once it shows. */
  private void press(int n, String actionId) {
    By button = By.xpath(stepXpath(n, actionId) + "//button[@data-action-id='" + actionId + "']");
    new WebDriverWait(driver, WAIT)
        .withMessage(
            () ->
                "waiting to click "
                    + actionId
                    + " on step "
                    + n
                    + "; the page shows:\n"
                    + driver.findElement(By.id("app")).getText())
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              List<WebElement> found = d.findElements(button);
              if (found.isEmpty()) {
                return false;
              }
              found.get(found.size() - 1).click();
              return true;
            });
  }

  private static By stepLocator(int n, String actionId) {
    return By.xpath(stepXpath(n, actionId));
  }

  private static String stepXpath(int n, String actionId) {
    return "//div[@id='thread']//div[contains(@class,'msg')]"
        + "[.//div[contains(@class,'bk-header')][starts-with(normalize-space(.), 'Step "
        + n
        + ":')]]"
        + "[.//button[@data-action-id='"
        + actionId
        + "']]";
  }

  /** Clicks the button {@code actionId} on the newest message that shows one. */
  private void pressLatest(String actionId) {
    By button = By.xpath("//div[@id='thread']//button[@data-action-id='" + actionId + "']");
    new WebDriverWait(driver, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              List<WebElement> found = d.findElements(button);
              if (found.isEmpty()) {
                return false;
              }
              found.get(found.size() - 1).click();
              return true;
            });
  }

  /** Answers the confirm dialog titled {@code title} with its confirm button. */
  private void confirm(String title) {
    await(
        "the confirm dialog " + title,
        By.xpath("//div[@id='confirm'][not(@hidden)]//h2[. = '" + title + "']"));
    driver.findElement(By.id("confirm-ok")).click();
  }

  private WebElement await(String what, By locator) {
    return new WebDriverWait(driver, WAIT)
        .withMessage(
            () ->
                "waiting for "
                    + what
                    + "; the page shows:\n"
                    + driver.findElement(By.id("app")).getText())
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              List<WebElement> found = d.findElements(locator);
              return found.isEmpty() ? null : found.get(found.size() - 1);
            });
  }

  /** The text of the last element found, once one is there. */
  private String textOf(String what, By locator) {
    return new WebDriverWait(driver, WAIT)
        .withMessage(
            () ->
                "waiting for "
                    + what
                    + "; the page shows:\n"
                    + driver.findElement(By.id("app")).getText())
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              List<WebElement> found = d.findElements(locator);
              return found.isEmpty() ? null : found.get(found.size() - 1).getText();
            });
  }

  private void scrollToBottom() {
    ((JavascriptExecutor) driver)
        .executeScript(
            "const t = document.getElementById('thread'); t.scrollTop = t.scrollHeight;");
  }

  private void screenshot(String name) throws RuntimeException {
    Path folder = Path.of(System.getProperty("sandbox.screenshots", "target/sandbox-screenshots"));
    try {
      Files.createDirectories(folder);
      byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(folder.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the screenshot " + name, e);
    }
  }
}
