package dev.ferry.bench.local;

import dev.ferry.daemon.core.WriteOrder;
import dev.ferry.daemon.local.FolderWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The receiving side's file writes alone: 10,000 x 1 KiB files in 100 directories written
 * through {@link FolderWriter} (temp file, fsync, rename) by a pool of threads, in path order
 * ("sorted": writers crowd into one directory) or in the order a pull uses ("spread",
 * {@link WriteOrder}). Prints wall and process CPU per combination, ROUNDS times.
 * Usage: WriterBench DIR ORDERS THREADS ROUNDS, e.g. /tmp sorted,spread 1,4,16 3
 */
public final class WriterBench {
  public static void main(String[] args) throws Exception {
    Path base = Path.of(args[0]);
    int rounds = Integer.parseInt(args[3]);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    byte[] data = new byte[1024];
    new Random(1).nextBytes(data);
    for (int r = 0; r < rounds; r++) {
      for (String order : args[1].split(",")) {
        for (String th : args[2].split(",")) {
          Path root = Files.createTempDirectory(base, "wb");
          List<String> paths = new ArrayList<>();
          for (int d = 0; d < 100; d++) for (int i = 0; i < 100; i++) paths.add(String.format("d%03d/f%03d.txt", d, i));
          if (order.equals("spread")) paths = WriteOrder.acrossDirectories(paths);
          FolderWriter w = new FolderWriter(root);
          ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(th));
          Runtime.getRuntime().exec(new String[] {"sync"}).waitFor();
          long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
          List<Future<?>> fs = new ArrayList<>();
          for (String p : List.copyOf(paths)) fs.add(pool.submit(() -> w.writeFile(p, out -> out.write(data), "h", false, 1_600_000_000_000L, null)));
          for (Future<?> f : fs) f.get();
          long t1 = System.nanoTime(), c1 = os.getProcessCpuTime();
          pool.shutdown();
          System.out.printf("%s threads=%s: %.2f s wall, %.2f s cpu%n", order, th, (t1 - t0) / 1e9, (c1 - c0) / 1e9);
          Runtime.getRuntime().exec(new String[] {"rm", "-rf", root.toString()}).waitFor();
        }
      }
    }
  }
}
