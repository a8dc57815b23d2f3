package dev.ferry.server.api;

import static dev.ferry.server.api.HubApiTest.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.protocol.CreateAccountRequest;
import dev.ferry.protocol.Json;
import dev.ferry.protocol.KdfParams;
import dev.ferry.protocol.Problem;
import dev.ferry.protocol.SessionRequest;
import dev.ferry.server.SignupMode;
import dev.ferry.server.testing.TestData;
import dev.ferry.server.testing.TestHttp.Reply;
import dev.ferry.server.testing.TestHub;
import org.junit.jupiter.api.Test;

/** Logins, their rate limit, and the signup modes; each test on its own hub (the limit is per address). */
class AuthTest {
  static String session(String user, String authKey) {
    return Json.write(SessionRequest.class, new SessionRequest(user, authKey, "laptop"));
  }

  @Test
  void failedLoginsAreRateLimitedPerUserAndAddress() {
    try (TestHub hub = TestHub.start()) {
      TestHub.Login dave = hub.createAccount("dave");
      String wrong = TestData.b64("wrong-wrong-wrong-wrong-wrong!!");
      for (int i = 0; i < 5; i++) {
        problem(hub.http().post("/v1/sessions").json(session("dave", wrong)).send(), 401, "invalid_credentials");
      }
      Reply blocked = hub.http().post("/v1/sessions").json(session("dave", dave.authKey())).send();
      Problem p = problem(blocked, 429, "rate_limited");
      long retry = Long.parseLong(blocked.header("Retry-After"));
      assertTrue(retry > 0 && retry <= 300, "Retry-After " + retry);
      assertEquals(retry, p.retryAfter());
      // the address is blocked too, for every user name
      problem(hub.http().post("/v1/sessions").json(session("someone", wrong)).send(), 429, "rate_limited");
      // devices already logged in are not affected
      assertEquals(200, hub.http().get("/v1/devices").token(dave.token()).send().status());
    }
  }

  @Test
  void unknownUserAndWrongKeyLookTheSame() {
    try (TestHub hub = TestHub.start()) {
      hub.createAccount("erin");
      String key = TestData.b64("0123456789abcdef0123456789abcdef");
      Problem unknown = problem(hub.http().post("/v1/sessions").json(session("nobody", key)).send(), 401, "invalid_credentials");
      Problem wrong = problem(hub.http().post("/v1/sessions").json(session("erin", key)).send(), 401, "invalid_credentials");
      assertEquals(unknown.detail(), wrong.detail());
      assertEquals("deviceName", problem(hub.http().post("/v1/sessions")
          .json(Json.write(SessionRequest.class, new SessionRequest("erin", key, "bad\nname"))).send(), 400, "invalid_field").field());
    }
  }

  @Test
  void signupModes() {
    String key = TestData.b64("0123456789abcdef0123456789abcdef");
    KdfParams kdf = new KdfParams(KdfParams.ARGON2ID, TestData.b64("saltsaltsaltsalt"), 65536, 3, 1);
    String body = Json.write(CreateAccountRequest.class, new CreateAccountRequest("frank", key, kdf, null));
    try (TestHub open = TestHub.start(o -> o.withSignup(SignupMode.OPEN))) {
      assertEquals(201, open.http().post("/v1/accounts").json(body).send().status());
      assertEquals(201, open.http().post("/v1/sessions").json(session("frank", key)).send().status());
    }
    try (TestHub closed = TestHub.start(o -> o.withSignup(SignupMode.CLOSED))) {
      problem(closed.http().post("/v1/accounts").json(body).send(), 403, "signup_closed");
    }
  }
}
