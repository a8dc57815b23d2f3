import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The floor under a receiver's writes: copies a tree the way Ferry's FolderWriter writes a file
 * (a temp file in the same directory, the bytes, the modification time, an fsync, an atomic
 * rename), from a pool of threads, and does nothing else: no hub, no network, no crypto, no
 * index. What it takes is what invariant 2 (every write atomic and durable) costs on this file
 * system before Ferry does any of its own work.
 *
 * <p>Usage: {@code java bench/DurableFloor.java SRC DST THREADS none|fsync|fdatasync|deferred|syncfs}.
 * {@code none} skips the fsync (atomic but not durable); {@code fdatasync} forces the data only;
 * {@code deferred} writes every temp file first, then fsyncs and renames each (one fsync per
 * file still, asked for once the whole batch is written, so the kernel could share commits);
 * {@code syncfs} writes every temp file first, makes them durable with one {@code sync -f}
 * (Linux syncfs(2): one journal commit for the whole file system instead of one per file),
 * renames, then syncs once more for the renames. The clock
 * starts after the source tree has been listed, so the figure is a floor: rsync's includes its scan.
 */
public final class DurableFloor {
  public static void main(String[] args) throws Exception {
    if (args.length != 4 || !List.of("none", "fsync", "fdatasync", "deferred", "syncfs").contains(args[3])) {
      System.err.println("usage: java bench/DurableFloor.java SRC DST THREADS none|fsync|fdatasync|deferred|syncfs");
      System.exit(2);
    }
    Path src = Path.of(args[0]);
    Path dst = Path.of(args[1]);
    int threads = Integer.parseInt(args[2]);
    String mode = args[3];
    List<Path> files;
    try (Stream<Path> s = Files.walk(src)) {
      files = s.filter(Files::isRegularFile).map(src::relativize).collect(Collectors.toList());
    }
    long t0 = System.nanoTime();
    boolean renameNow = !mode.equals("syncfs") && !mode.equals("deferred");
    eachInPool(files, threads, rel -> {
      writeTemp(src.resolve(rel), temp(dst.resolve(rel)), mode);
      if (renameNow) rename(dst.resolve(rel));
    });
    if (mode.equals("deferred")) {
      eachInPool(files, threads, rel -> {
        try (FileChannel ch = FileChannel.open(temp(dst.resolve(rel)), StandardOpenOption.WRITE)) {
          ch.force(true);
        }
        rename(dst.resolve(rel));
      });
    }
    if (mode.equals("syncfs")) {
      syncfs(dst);
      for (Path rel : files) rename(dst.resolve(rel));
      syncfs(dst);
    }
    System.out.printf("%d files, %d threads, %s: %.2fs%n", files.size(), threads, mode, (System.nanoTime() - t0) / 1e9);
  }

  private interface FileJob {
    void run(Path rel) throws Exception;
  }

  private static void eachInPool(List<Path> files, int threads, FileJob job) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (Path rel : files) {
        done.add(pool.submit(() -> {
          job.run(rel);
          return null;
        }));
      }
      for (Future<Void> f : done) f.get();
    } finally {
      pool.shutdown();
    }
  }

  private static Path temp(Path target) {
    return target.resolveSibling(".ferry-floor-" + target.getFileName());
  }

  private static void writeTemp(Path from, Path tmp, String mode) throws IOException {
    Files.createDirectories(tmp.getParent());
    byte[] bytes = Files.readAllBytes(from);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) ch.write(b);
      if (!tmp.toFile().setLastModified(Files.getLastModifiedTime(from).toMillis())) {
        throw new IOException("cannot set the modification time of " + tmp);
      }
      if (mode.equals("fsync")) ch.force(true);
      if (mode.equals("fdatasync")) ch.force(false);
    }
  }

  private static void rename(Path target) throws IOException {
    Files.move(temp(target), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void syncfs(Path dir) throws IOException, InterruptedException {
    int rc = new ProcessBuilder("sync", "-f", dir.toString()).inheritIO().start().waitFor();
    if (rc != 0) throw new IOException("sync -f " + dir + " exited " + rc);
  }
}
