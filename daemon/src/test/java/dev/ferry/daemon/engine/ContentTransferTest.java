package dev.ferry.daemon.engine;

import static org.junit.jupiter.api.Assertions.*;

import dev.ferry.daemon.crypto.FolderCrypto;
import dev.ferry.daemon.local.ContentHash;
import dev.ferry.daemon.local.FastCdc;
import dev.ferry.daemon.local.LocalChangedException;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubHttpClients;
import dev.ferry.protocol.ChunkIds;
import dev.ferry.protocol.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upload preparation of a chunked file against a scripted hub on a loopback port: the second
 * pass cuts where the first did, sends only what the hub lacks, and sends nothing of a file
 * that changed between the passes.
 */
class ContentTransferTest {
  private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  private final FolderCrypto crypto = new FolderCrypto("docs", KEY, Long.MAX_VALUE);
  @TempDir Path dir;
  private MockWebServer server;
  private OkHttpClient http;
  private final Map<String, byte[]> put = new LinkedHashMap<>();
  private final List<String> asked = new ArrayList<>();
  /** Which of the asked ids the hub says it lacks; and what happens to the file meanwhile. */
  private java.util.function.Function<List<String>, List<String>> lacks = ids -> ids;
  private Consumer<Path> meanwhile = p -> {};
  /** The revisions the hub serves by entry id (GET entries/{id}?rev=R); others are 404. */
  private final Map<String, dev.ferry.protocol.EntryMeta> entries = new LinkedHashMap<>();
  private Path file;

  @BeforeEach
  void start() throws IOException {
    file = dir.resolve("big.bin");
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        String path = r.getPath();
        if (path.endsWith("/chunks/missing")) {
          ChunkIds q = Json.read(ChunkIds.class, r.getBody().readUtf8());
          asked.addAll(q.ids());
          meanwhile.accept(file);
          return new MockResponse().setHeader("Content-Type", "application/json")
              .setBody(Json.write(ChunkIds.class, new ChunkIds(lacks.apply(q.ids()))));
        }
        if ("GET".equals(r.getMethod()) && path.contains("/entries/")) {
          String id = path.substring(path.indexOf("/entries/") + 9, path.indexOf('?') < 0 ? path.length() : path.indexOf('?'));
          dev.ferry.protocol.EntryMeta m = entries.get(id);
          return m == null ? new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/problem+json")
              .setBody("{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404,\"code\":\"not_found\"}")
              : new MockResponse().setHeader("Content-Type", "application/json").setBody(Json.write(dev.ferry.protocol.EntryMeta.class, m));
        }
        if ("PUT".equals(r.getMethod())) {
          put.put(path.substring(path.lastIndexOf('/') + 1), r.getBody().readByteArray());
          return new MockResponse().setResponseCode(204);
        }
        return new MockResponse().setResponseCode(404);
      }
    });
    server.start();
    http = HubHttpClients.create("test");
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private ContentTransfer transfer() {
    return new ContentTransfer("docs", new HubClient(server.url("/"), "tok_S3cretDeviceToken_0123456789", http), crypto);
  }

  private byte[] writeRandom(int size) throws IOException {
    byte[] data = new byte[size];
    new Random(3).nextBytes(data);
    Files.write(file, data);
    return data;
  }

  @Test
  void sendsOnlyTheChunksTheHubLacksCutWhereThePlanSaysAndEachSealedItsOwnBytes() throws Exception {
    byte[] data = writeRandom(6 * 1024 * 1024 + 123);
    lacks = ids -> { List<String> odd = new ArrayList<>(); for (int i = 1; i < ids.size(); i += 2) odd.add(ids.get(i)); return odd; };
    ContentTransfer.Prepared p = transfer().prepare(file, "big.bin", ContentHash.of(data));
    assertEquals(data.length, p.size());
    assertEquals(asked, p.chunks());
    assertTrue(p.chunks().size() >= 4, "chunks: " + p.chunks().size());
    List<String> expectedSent = new ArrayList<>();
    for (int i = 1; i < p.chunks().size(); i += 2) expectedSent.add(p.chunks().get(i));
    assertEquals(expectedSent, new ArrayList<>(put.keySet()));
    // The chunker's own cuts of the content: the plan names them in order, and every chunk
    // sent seals exactly its slice.
    List<int[]> cuts = new ArrayList<>();
    FastCdc.ChunkReader reader = FastCdc.DEFAULT.chunks(new java.io.ByteArrayInputStream(data));
    while (reader.advance()) cuts.add(new int[] {(int) reader.chunkOffset(), reader.chunkLength()});
    assertEquals(cuts.size(), p.chunks().size());
    for (int i = 0; i < cuts.size(); i++) {
      int off = cuts.get(i)[0], len = cuts.get(i)[1];
      String id = p.chunks().get(i);
      assertEquals(crypto.chunkId(data, off, len), id);
      if (put.containsKey(id)) assertArrayEquals(Arrays.copyOfRange(data, off, off + len), crypto.openChunk(id, put.get(id)));
    }
  }

  @Test
  void aFileEditedBetweenThePassesSendsNothingAndIsLeftForTheNextRun() throws Exception {
    byte[] data = writeRandom(4 * 1024 * 1024);
    meanwhile = p -> flipByteAt(p, 100); // inside the first chunk, which the hub lacks
    assertThrows(LocalChangedException.class, () -> transfer().prepare(file, "big.bin", ContentHash.of(data)));
    assertTrue(put.isEmpty(), "sent " + put.keySet());
  }

  @Test
  void aFileCutShortBetweenThePassesIsLeftForTheNextRun() throws Exception {
    byte[] data = writeRandom(4 * 1024 * 1024);
    meanwhile = p -> {
      try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
        f.setLength(3 * 1024 * 1024);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    lacks = ids -> List.of(ids.get(ids.size() - 1)); // only the last chunk, which is now gone
    assertThrows(LocalChangedException.class, () -> transfer().prepare(file, "big.bin", ContentHash.of(data)));
    assertTrue(put.isEmpty(), "sent " + put.keySet());
  }

  private static void flipByteAt(Path p, long pos) {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.seek(pos);
      int b = f.read();
      f.seek(pos);
      f.write(b ^ 1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Rev 1 of {@code path} with inline {@code content}, as the feed brings it. */
  private dev.ferry.protocol.EntryMeta inlineEntry(String path, byte[] content) {
    EntryCodec codec = new EntryCodec(crypto);
    String id = crypto.entryId(path);
    PlainMeta meta = new PlainMeta(PlainMeta.VERSION, path, "file", false, false, 1_700_000_000_000L, content.length,
        ContentHash.of(content), Map.of("dev_a", 1L), "dev_a");
    return new dev.ferry.protocol.EntryMeta(id, 1, 7, false, content.length + 28, List.of(),
        codec.sealInline(id, 1, content), codec.sealMeta(id, 1, meta), "dev_a", java.time.Instant.now());
  }

  @Test
  void inlineContentLeftOnTheHubIsFetchedAgainAsThatVeryRevisionAndChecked() throws Exception {
    byte[] content = new byte[60_000];
    new Random(5).nextBytes(content);
    dev.ferry.protocol.EntryMeta m = inlineEntry("mail/1.eml", content);
    RemoteEntry opened = new EntryCodec(crypto).open(m);
    assertArrayEquals(content, opened.inline());
    assertNull(opened.wire().inline(), "the ciphertext is not kept beside the plaintext");
    RemoteEntry left = opened.withoutInline();
    assertTrue(left.inlineLeftOnHub());
    entries.put(m.entryId(), m);
    ContentTransfer t = transfer();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    t.download(left, out);
    assertArrayEquals(content, out.toByteArray());
    assertTrue(server.takeRequest().getPath().endsWith("/entries/" + m.entryId() + "?rev=1"));
    assertEquals(2L * m.inline().length(), t.bytesDown.get(), "the feed's copy and the one fetched again");
  }

  @Test
  void inlineContentFetchedAgainThatFailsItsCheckIsRefusedAndNothingIsWritten() throws Exception {
    byte[] content = "the note as it was\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    dev.ferry.protocol.EntryMeta m = inlineEntry("note.txt", content);
    RemoteEntry left = new EntryCodec(crypto).open(m).withoutInline();
    byte[] sealed = java.util.Base64.getDecoder().decode(m.inline());
    sealed[sealed.length / 2] ^= 1;
    entries.put(m.entryId(), new dev.ferry.protocol.EntryMeta(m.entryId(), 1, 7, false, m.size(), List.of(),
        java.util.Base64.getEncoder().encodeToString(sealed), m.meta(), m.modifiedBy(), m.modifiedAt()));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    SyncFailure f = assertThrows(SyncFailure.class, () -> transfer().download(left, out));
    assertEquals(dev.ferry.daemon.core.ErrorCategory.INVALID_DATA, f.category());
    assertEquals(0, out.size());
  }

  @Test
  void aRevisionNoLongerOnTheHubIsLeftForTheNextRun() throws Exception {
    RemoteEntry left = new EntryCodec(crypto).open(inlineEntry("gone.txt", new byte[] {1, 2, 3})).withoutInline();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    assertThrows(RemoteChangedException.class, () -> transfer().download(left, out));
    assertEquals(0, out.size());
  }
}
