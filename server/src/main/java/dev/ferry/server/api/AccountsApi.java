package dev.ferry.server.api;

import dev.ferry.protocol.AccountCreated;
import dev.ferry.protocol.CreateAccountRequest;
import dev.ferry.protocol.Ids;
import dev.ferry.protocol.Json;
import dev.ferry.protocol.KdfParams;
import dev.ferry.protocol.ProblemCode;
import dev.ferry.protocol.Protocol;
import dev.ferry.protocol.SessionRequest;
import dev.ferry.protocol.SessionResponse;
import dev.ferry.server.SignupMode;
import dev.ferry.server.auth.AuthKeys;
import dev.ferry.server.auth.DecoyKdf;
import dev.ferry.server.auth.LoginRateLimiter;
import dev.ferry.server.auth.Tokens;
import dev.ferry.server.store.Account;
import dev.ferry.server.store.CreateAccountOutcome;
import dev.ferry.server.store.NewAccount;
import dev.ferry.server.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The routes that need no device token: KDF lookup, account creation, device login. */
public final class AccountsApi {
  private static final Logger LOG = LoggerFactory.getLogger(AccountsApi.class);
  /** Small bodies: a few hundred bytes in practice. */
  private static final int MAX_BODY = 64 * 1024;
  /** What an unknown user's login is compared against, so both paths cost the same. */
  private static final byte[] DUMMY_SALT = new byte[AuthKeys.SALT_BYTES];
  private static final byte[] DUMMY_HASH = new byte[32];

  private final Store store;
  private final Clock clock;
  private final SignupMode signup;
  private final DecoyKdf decoys;
  private final LoginRateLimiter limiter;

  public AccountsApi(Store store, Clock clock, SignupMode signup, DecoyKdf decoys, LoginRateLimiter limiter) {
    this.store = store;
    this.clock = clock;
    this.signup = signup;
    this.decoys = decoys;
    this.limiter = limiter;
  }

  public void register(Javalin app) {
    app.get(Protocol.PREFIX + "/accounts/{user}/kdf", this::kdf);
    app.post(Protocol.PREFIX + "/accounts", this::create);
    app.post(Protocol.PREFIX + "/sessions", this::login);
  }

  private void kdf(Context ctx) {
    String user = ctx.pathParam("user");
    if (!Ids.isUserName(user)) throw ApiException.field(ProblemCode.INVALID_ID, "user", "not a valid user name: " + Requests.printable(user));
    KdfParams p = store.account(user).map(Account::kdf).orElseGet(() -> decoys.forUser(user));
    Responses.json(ctx, 200, KdfParams.class, p);
  }

  private void create(Context ctx) {
    CreateAccountRequest req = Requests.json(ctx, CreateAccountRequest.class, MAX_BODY);
    if (!Ids.isUserName(req.user())) {
      throw ApiException.field(ProblemCode.INVALID_FIELD, "user",
          "user must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    byte[] authKey = authKey(req.authKey());
    validateKdf(req.kdf());
    if (signup == SignupMode.CLOSED) throw ApiException.of(ProblemCode.SIGNUP_CLOSED, "this hub does not accept new accounts");
    byte[] inviteHash = null;
    if (signup == SignupMode.INVITE) {
      if (req.invite() == null) throw ApiException.of(ProblemCode.INVITE_INVALID, "this hub needs an invite code (ferry server invite)");
      if (!Ids.isInvite(req.invite())) throw ApiException.of(ProblemCode.INVITE_INVALID, "the invite code is not well formed");
      inviteHash = Tokens.sha256(req.invite());
    }
    byte[][] saltAndHash = AuthKeys.hash(authKey);
    Instant now = clock.instant();
    CreateAccountOutcome outcome = store.createAccount(new NewAccount(req.user(), req.kdf(), saltAndHash[0], saltAndHash[1]), inviteHash, now);
    switch (outcome) {
      case EXISTS -> throw ApiException.field(ProblemCode.ACCOUNT_EXISTS, "user", "an account named " + req.user() + " exists");
      case INVITE_INVALID -> throw ApiException.of(ProblemCode.INVITE_INVALID, "the invite code is unknown, used or expired");
      case CREATED -> {
        LOG.info("account created: {}", req.user());
        Responses.json(ctx, 201, AccountCreated.class, new AccountCreated(req.user(), now));
      }
    }
  }

  private void login(Context ctx) {
    SessionRequest req = Requests.json(ctx, SessionRequest.class, MAX_BODY);
    if (!Ids.isUserName(req.user())) throw ApiException.field(ProblemCode.INVALID_FIELD, "user", "user is missing or not a valid user name");
    byte[] authKey = authKey(req.authKey());
    if (!Ids.isDeviceName(req.deviceName())) {
      throw ApiException.field(ProblemCode.INVALID_FIELD, "deviceName", "deviceName must be 1-64 printable characters");
    }
    String userKey = "user:" + req.user();
    String addrKey = "addr:" + ctx.ip();
    OptionalLong wait = max(limiter.blockedFor(userKey), limiter.blockedFor(addrKey));
    if (wait.isPresent()) throw ApiException.rateLimited(wait.getAsLong());

    Optional<Account> account = store.account(req.user());
    boolean ok;
    if (account.isPresent()) {
      ok = AuthKeys.matches(authKey, account.get().authSalt(), account.get().authHash());
    } else {
      AuthKeys.matches(authKey, DUMMY_SALT, DUMMY_HASH); // same work as a real check: timing tells nothing
      ok = false;
    }
    if (!ok) {
      limiter.recordFailure(userKey);
      limiter.recordFailure(addrKey);
      LOG.info("failed login for user {} from {}", req.user(), ctx.ip());
      throw ApiException.of(ProblemCode.INVALID_CREDENTIALS, "unknown user or wrong auth key");
    }
    limiter.reset(userKey);
    String deviceId = Tokens.newDeviceId();
    String token = Tokens.newDeviceToken();
    store.addDevice(account.get().id(), deviceId, req.deviceName(), Tokens.sha256(token), clock.instant());
    LOG.info("device {} ({}) logged in for user {}", deviceId, req.deviceName(), req.user());
    Responses.json(ctx, 201, SessionResponse.class, new SessionResponse(deviceId, token));
  }

  private static OptionalLong max(OptionalLong a, OptionalLong b) {
    if (a.isEmpty()) return b;
    if (b.isEmpty()) return a;
    return OptionalLong.of(Math.max(a.getAsLong(), b.getAsLong()));
  }

  private static byte[] authKey(String b64) {
    byte[] key = Base64Field.decode("authKey", b64);
    if (key.length < AuthKeys.MIN_KEY_BYTES || key.length > AuthKeys.MAX_KEY_BYTES) {
      throw ApiException.field(ProblemCode.INVALID_FIELD, "authKey",
          "authKey must be " + AuthKeys.MIN_KEY_BYTES + " to " + AuthKeys.MAX_KEY_BYTES + " bytes, got " + key.length);
    }
    return key;
  }

  private static void validateKdf(KdfParams kdf) {
    if (kdf == null) throw ApiException.field(ProblemCode.INVALID_FIELD, "kdf", "kdf parameters are required");
    if (!KdfParams.ARGON2ID.equals(kdf.algorithm())) {
      throw ApiException.field(ProblemCode.INVALID_FIELD, "kdf.algorithm", "kdf.algorithm must be " + KdfParams.ARGON2ID);
    }
    byte[] salt = Base64Field.decode("kdf.salt", kdf.salt());
    if (salt.length < 16 || salt.length > 64) {
      throw ApiException.field(ProblemCode.INVALID_FIELD, "kdf.salt", "kdf.salt must be 16 to 64 bytes, got " + salt.length);
    }
    if (kdf.parallelism() < 1 || kdf.parallelism() > 255) {
      throw ApiException.field(ProblemCode.INVALID_FIELD, "kdf.parallelism", "kdf.parallelism must be 1 to 255");
    }
    if (kdf.memoryKiB() < 8 * kdf.parallelism() || kdf.memoryKiB() > 4 * 1024 * 1024) {
      throw ApiException.field(ProblemCode.INVALID_FIELD, "kdf.memoryKiB", "kdf.memoryKiB must be from 8 x parallelism to 4 GiB");
    }
    if (kdf.iterations() < 1 || kdf.iterations() > 1000) {
      throw ApiException.field(ProblemCode.INVALID_FIELD, "kdf.iterations", "kdf.iterations must be 1 to 1000");
    }
  }
}
