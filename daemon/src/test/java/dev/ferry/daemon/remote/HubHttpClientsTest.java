package dev.ferry.daemon.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class HubHttpClientsTest {

  @Test
  void sharedClientTimeoutsSuitBigChunkTransfers() {
    OkHttpClient c = HubHttpClients.create("1.2.3");
    assertEquals(10_000, c.connectTimeoutMillis());
    assertEquals(60_000, c.readTimeoutMillis());
    assertEquals(60_000, c.writeTimeoutMillis());
    assertEquals(0, c.callTimeoutMillis(), "no whole-call limit: a slow 8 MiB chunk still makes progress");
    assertFalse(c.followRedirects());
    assertFalse(c.followSslRedirects());
  }

  @Test
  void eventClientOutlastsKeepAlivesAndSharesThePool() {
    OkHttpClient shared = HubHttpClients.create("1.2.3");
    OkHttpClient events = HubHttpClients.forEvents(shared);
    assertEquals(45_000, events.readTimeoutMillis());
    assertEquals(0, events.callTimeoutMillis());
    assertSame(shared.connectionPool(), events.connectionPool());
    // One stream per folder, held open for good: the shared dispatcher's 5 per host would leave
    // every folder past the fifth without real-time events, and starve the calls queued behind.
    assertNotSame(shared.dispatcher(), events.dispatcher());
    assertEquals(Integer.MAX_VALUE, events.dispatcher().getMaxRequestsPerHost());
    assertEquals(Integer.MAX_VALUE, events.dispatcher().getMaxRequests());
  }

  @Test
  void userAgentNamesTheVersion() {
    assertEquals("ferry/1.2.3", HubHttpClients.userAgent("1.2.3"));
    assertEquals("ferry/dev", HubHttpClients.userAgent(null));
    assertEquals("ferry/dev", HubHttpClients.userAgent(" "));
  }
}
