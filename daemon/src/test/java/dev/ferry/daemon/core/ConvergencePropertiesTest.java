package dev.ferry.daemon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.ConflictStrategy;
import dev.ferry.daemon.core.merge.ConflictCase;
import dev.ferry.daemon.core.merge.ConflictResolver;
import dev.ferry.daemon.local.ContentHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Three devices, one hub, random edits, random partitions and random strategies, run through
 * the pure decisions the engine executes ({@link Reconciler}, {@link ConflictResolver} with
 * JSON and text merge) and a model of how the engine carries them out (compare-and-swap writes,
 * the local revision uploaded before a merged result, conflict copies, manual waits). After
 * everyone is online again and manual conflicts are settled, every device holds the same tree,
 * and every content a device ever offered to a sync is still somewhere: in a file, in a
 * conflict copy, or as a hub revision (invariant 6).
 */
class ConvergencePropertiesTest {
  static final List<String> PATHS = List.of("notes.txt", "chat.json");

  /** One step: device {@code dev} edits ({@code kind} 0 append, 1 replace, 2 delete) or syncs (3), or the network changes (4). */
  record Op(int dev, int kind, int path) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 4)
        .withDistribution(net.jqwik.api.RandomDistribution.uniform()), Arbitraries.integers().between(0, PATHS.size() - 1))
        .as(Op::new);
    return op.list().ofMinSize(5).ofMaxSize(40);
  }

  @Provide
  Arbitrary<ConflictStrategy> strategies() {
    return Arbitraries.of(ConflictStrategy.class);
  }

  @Property(tries = 100)
  void devicesConvergeAndNothingIsLost(@ForAll("ops") List<Op> ops, @ForAll("strategies") ConflictStrategy s0,
      @ForAll("strategies") ConflictStrategy s1, @ForAll("strategies") ConflictStrategy s2) {
    World w = new World(List.of(s0, s1, s2));
    for (Op op : ops) {
      Device d = w.devices.get(op.dev());
      String path = PATHS.get(op.path());
      switch (op.kind()) {
        case 0 -> d.append(path, w.unique());
        case 1 -> d.replace(path, w.unique());
        case 2 -> d.files.remove(path);
        case 3 -> w.sync(d);
        default -> d.online = !d.online;
      }
      w.tick();
    }
    // Everyone online; manual conflicts settled by a person (keeping the local version, which the push then sends).
    for (Device d : w.devices) d.online = true;
    for (int round = 0; round < 8; round++) {
      for (Device d : w.devices) {
        d.settleWaiting(w.hub);
        w.sync(d);
        w.tick();
      }
    }
    Map<String, String> first = w.devices.get(0).tree();
    for (Device d : w.devices) assertEquals(first, d.tree(), "device " + d.id + " differs");
    for (byte[] content : w.offered) {
      assertTrue(w.reachable(content), "lost: " + new String(content, StandardCharsets.UTF_8));
    }
  }

  // ---------------------------------------------------------------- the model

  record Rev(byte[] content, VersionVector vv, long mtime, String device) {}

  record Base(long rev, byte[] content, VersionVector vv) {}

  static final class Hub {
    final Map<String, List<Rev>> entries = new TreeMap<>();

    long head(String path) { return entries.getOrDefault(path, List.of()).size(); }

    Rev rev(String path, long rev) { return entries.get(path).get((int) rev - 1); }

    /** Compare-and-swap: the write lands only on top of {@code baseRev}. */
    boolean put(String path, long baseRev, Rev r) {
      if (head(path) != baseRev) return false;
      entries.computeIfAbsent(path, p -> new ArrayList<>()).add(r);
      return true;
    }
  }

  static final class Device {
    final String id;
    final ConflictStrategy strategy;
    final Map<String, byte[]> files = new TreeMap<>();
    final Map<String, Base> index = new HashMap<>();
    final Set<String> waiting = new HashSet<>();
    boolean online = true;

    Device(String id, ConflictStrategy strategy) {
      this.id = id;
      this.strategy = strategy;
    }

    void append(String path, int n) {
      String old = files.containsKey(path) ? new String(files.get(path), StandardCharsets.UTF_8) : null;
      String next;
      if (path.endsWith(".json")) {
        String item = "{\"id\": \"" + id + "-" + n + "\", \"text\": \"message " + n + "\"}";
        next = old == null || !old.startsWith("[") || old.strip().equals("[]") ? "[\n  " + item + "\n]\n"
            : old.substring(0, old.lastIndexOf(']')).stripTrailing() + ",\n  " + item + "\n]\n";
      } else {
        next = (old == null ? "" : old) + id + " line " + n + "\n";
      }
      files.put(path, next.getBytes(StandardCharsets.UTF_8));
    }

    void replace(String path, int n) {
      String next = path.endsWith(".json") ? "[\n  {\"id\": \"" + id + "-" + n + "\", \"text\": \"fresh " + n + "\"}\n]\n"
          : "rewritten by " + id + " (" + n + ")\n";
      files.put(path, next.getBytes(StandardCharsets.UTF_8));
    }

    Map<String, String> tree() {
      Map<String, String> out = new TreeMap<>();
      files.forEach((p, c) -> out.put(p, new String(c, StandardCharsets.UTF_8)));
      return out;
    }

    /** ferry resolve --keep local: the hub's head becomes the base, the push sends the local version. */
    void settleWaiting(Hub hub) {
      for (String p : waiting) {
        Rev head = hub.rev(p, hub.head(p));
        Base b = index.get(p);
        index.put(p, new Base(hub.head(p), head.content(), head.vv().merge(b == null ? VersionVector.empty() : b.vv())));
      }
      waiting.clear();
    }
  }

  static final class World {
    final Hub hub = new Hub();
    final List<Device> devices = new ArrayList<>();
    final List<byte[]> offered = new ArrayList<>();
    long now = 1_000_000;
    int counter;

    World(List<ConflictStrategy> strategies) {
      for (int i = 0; i < strategies.size(); i++) devices.add(new Device("dev" + i, strategies.get(i)));
    }

    int unique() { return ++counter; }

    void tick() { now += 1000; }

    boolean reachable(byte[] content) {
      for (Device d : devices) for (byte[] f : d.files.values()) if (Arrays.equals(f, content)) return true;
      for (List<Rev> revs : hub.entries.values()) for (Rev r : revs) if (Arrays.equals(r.content(), content)) return true;
      return false;
    }

    static Version version(byte[] content) {
      return content == null ? null : Version.file(ContentHash.of(content), false);
    }

    void sync(Device d) {
      if (!d.online) return;
      Map<String, byte[]> before = new TreeMap<>(d.files);
      syncOnline(d);
      // What this sync was offered must survive; a file in a manual conflict is left alone
      // (the person may still edit it), so it counts from the sync that settles it.
      before.forEach((p, c) -> {
        if (!d.waiting.contains(p)) offered.add(c);
      });
    }

    private void syncOnline(Device d) {
      // Pull: every path whose head moved past this device's base.
      for (String path : new TreeSet<>(hub.entries.keySet())) pullOne(d, path);
      // Push: local changes, with compare-and-swap; a refusal re-decides against the new head.
      Set<String> paths = new TreeSet<>(d.files.keySet());
      paths.addAll(d.index.keySet());
      for (String path : paths) {
        Long onRev = null; // set when a refusal decided to upload on top of the hub's head
        for (int attempt = 0; attempt < 3 && !d.waiting.contains(path); attempt++) {
          Base b = d.index.get(path);
          byte[] local = d.files.get(path);
          byte[] base = b == null ? null : b.content();
          if (onRev == null && Arrays.equals(local, base)) break;
          long baseRev = onRev != null ? onRev : b == null ? 0 : b.rev();
          VersionVector vv = (b == null ? VersionVector.empty() : b.vv()).increment(d.id);
          if (hub.put(path, baseRev, new Rev(local, vv, now, d.id))) {
            d.index.put(path, new Base(baseRev + 1, local, vv));
            break;
          }
          Action a = pullOne(d, path);
          onRev = a instanceof Action.Upload u ? u.baseRev() : null;
        }
      }
    }

    private Action pullOne(Device d, String path) {
      long head = hub.head(path);
      Base b = d.index.get(path);
      long baseRev = b == null ? 0 : b.rev();
      if (head <= baseRev) return null;
      Rev remote = hub.rev(path, head);
      byte[] local = d.files.get(path);
      Action a = Reconciler.decide(new PathState(path, baseRev, b == null ? null : version(b.content()), version(local), head,
          version(remote.content())), SyncDirection.BOTH, false);
      if (a instanceof Action.Download) {
        if (remote.content() == null) d.files.remove(path);
        else d.files.put(path, remote.content());
        d.index.put(path, new Base(head, remote.content(), remote.vv()));
      } else if (a instanceof Action.Adopt) {
        d.index.put(path, new Base(head, remote.content(), remote.vv()));
      } else if (a instanceof Action.KeepBoth) {
        conflict(d, path, b, local, head, remote);
      }
      // Upload (modified here, deleted there): the push sends it on top of the head after its refusal.
      return a;
    }

    private void conflict(Device d, String path, Base b, byte[] local, long head, Rev remote) {
      byte[] ancestor = b == null || b.content() == null ? null : hub.rev(path, b.rev()).content();
      VersionVector baseVv = b == null ? VersionVector.empty() : b.vv();
      ConflictCase c = new ConflictCase(path, ancestor, local, remote.content(), Instant.ofEpochMilli(now),
          Instant.ofEpochMilli(remote.mtime()), d.id, remote.device(), d.id, Instant.ofEpochMilli(now), false);
      ConflictResolution r = ConflictResolver.decide(d.strategy, c);
      if (r instanceof ConflictResolution.UseMerged m) {
        Base after = new Base(head, remote.content(), remote.vv().merge(baseVv));
        if (m.localRevisionFirst()) {
          VersionVector vv = baseVv.merge(remote.vv()).increment(d.id);
          if (!hub.put(path, head, new Rev(local, vv, now, d.id))) return; // moved on: next run
          after = new Base(head + 1, local, vv);
        }
        d.files.put(path, m.merged());
        d.index.put(path, after);
      } else if (r instanceof ConflictResolution.KeepLocal) {
        d.index.put(path, new Base(head, remote.content(), remote.vv().merge(baseVv)));
      } else if (r instanceof ConflictResolution.KeepRemote k) {
        if (k.localCopyName() != null) d.files.put(k.localCopyName(), local);
        d.files.put(path, remote.content());
        d.index.put(path, new Base(head, remote.content(), remote.vv()));
      } else if (r instanceof ConflictResolution.KeepBoth kb) {
        d.files.put(kb.copyName(), local);
        d.files.put(path, remote.content());
        d.index.put(path, new Base(head, remote.content(), remote.vv()));
      } else {
        d.waiting.add(path);
      }
    }
  }
}
