package dev.shepherd.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.testing.SignedRequests;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signature over {@code /slack/events}: correctly signed, but more than five minutes away in
 * either direction, is refused; so is a signature that differs in case or length.
 */
class SignatureWindowTest {
  @TempDir Path folder;
  ServedShepherd served;

  @BeforeEach
  void start() throws Exception {
    served = new ServedShepherd(folder);
  }

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void signedRequestFromNowIsTaken() throws Exception {
    HttpResponse<String> response =
        served.requests.post(ServedShepherd.command("help"), SignedRequests.now());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("/rollout status");
  }

  @Test
  void signedRequestSixMinutesInTheFutureIsRefused() throws Exception {
    String future = String.valueOf(System.currentTimeMillis() / 1000 + 6 * 60);

    HttpResponse<String> response = served.requests.post(ServedShepherd.command("help"), future);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("invalid signature");
  }

  @Test
  void signedRequestSixMinutesInThePastIsRefused() throws Exception {
    String past = String.valueOf(System.currentTimeMillis() / 1000 - 6 * 60);

    HttpResponse<String> response = served.requests.post(ServedShepherd.command("help"), past);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("invalid signature");
  }

  @Test
  void signatureInUpperCaseHexOrCutShortIsRefused() throws Exception {
    String body = ServedShepherd.command("help");
    String now = SignedRequests.now();
    String signature = SignedRequests.sign(ServedShepherd.SECRET, now, body);

    HttpResponse<String> upper =
        served.requests.post(body, now, "v0=" + signature.substring(3).toUpperCase());
    HttpResponse<String> short_ = served.requests.post(body, now, signature.substring(0, 40));
    HttpResponse<String> malformedTimestamp = served.requests.post(body, now + ".5");

    assertThat(upper.statusCode()).isEqualTo(401);
    assertThat(short_.statusCode()).isEqualTo(401);
    assertThat(malformedTimestamp.statusCode()).isEqualTo(401);
  }
}
