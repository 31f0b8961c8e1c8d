package org.cdgm.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.io.TenXReader;
import org.cdgm.engine.preprocess.ConditionSplit;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;

/**
 * Times the engine against the PyTorch reference on the same data, model, batches and thread count, in one run:
 * each implementation trains in its own process (one after the other, never side by side), the first
 * {@code --warmup} epochs are dropped and the median of the rest is compared. Prints a table and writes it to
 * {@code --out}. Options: --cases a,b  --epochs N  --warmup N  --threads N  --python PATH  --out DIR  --data DIR
 * --keep DIR (keep the data files there). {@code --threads N} is the engine's thread setting (data-parallel steps,
 * native code at one thread each) and PyTorch's {@code torch.set_num_threads} and OpenMP/BLAS threads.
 */
public final class TrainingBenchmark {
    private static final Pattern SECONDS = Pattern.compile("\"epoch_seconds\": \\[([^]]*)]");
    private static final Pattern PEAK = Pattern.compile("\"peak_rss_mib\": ([0-9.]+)");

    private TrainingBenchmark() {
    }

    /** The timing of one implementation on one case. */
    record Timing(double medianSeconds, double peakMib) {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions o = BenchmarkOptions.parse(args, 0);
        List<String> cases = List.of(o.text("cases", "gaussian-sim-10k-2k,nb-papalexi").split(","));
        int epochs = o.integer("epochs", 4);
        int warmup = o.integer("warmup", 1);
        String threads = o.text("threads", "1");
        String python = o.text("python", "/usr/bin/python3");
        Path out = o.path("out", "benchmarks/results");
        Path data = o.path("data", "../shared/data");
        if (epochs <= warmup) {
            throw new IllegalArgumentException("--epochs must exceed --warmup");
        }
        boolean keep = o.has("keep");
        Path work = keep ? Files.createDirectories(o.path("keep", "")) : Files.createTempDirectory("cdgm-bench");
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "| case | cells (bg + tg) x genes | threads | cdgm s/epoch | PyTorch s/epoch | ratio cdgm/PyTorch "
                        + "| cdgm peak RSS MiB | PyTorch peak RSS MiB | dense GFLOP/s cdgm / PyTorch / ND4J mmul |%n"
                        + "|---|---|---|---|---|---|---|---|---|%n"));
        for (String name : cases) {
            BenchmarkCase c = BenchmarkCase.named(name.trim());
            ContrastiveDataset d = dataset(c, data);
            Path bg = work.resolve(c.name() + "-background.bin");
            Path tg = work.resolve(c.name() + "-target.bin");
            MatrixFile.write(d.background().matrix(), bg);
            MatrixFile.write(d.target().matrix(), tg);
            System.out.printf("%s: %d + %d cells x %d genes, %d epochs (%d warm-up), %s thread(s)%n", c.name(),
                    d.background().cells(), d.target().cells(), d.geneCount(), epochs, warmup, threads);
            // the same JVM options as the product's jobs (cli/pom.xml) and memory settings as ./cdgm: the parallel
            // collector with a fixed young generation of 32 MiB per thread, at least 64 MiB (G1 grew the resident
            // heap to 1 GiB for 180 MiB of live data; docs/benchmarks.md, "Memory: where the resident set goes")
            List<String> engineCmd = new ArrayList<>(List.of(javaBinary(), "-Xmx3g", "-XX:+UseParallelGC",
                    "-Xmn" + Math.max(64, 32 * Integer.parseInt(threads)) + "m",
                    "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                    EngineRun.class.getName(), c.name(), bg.toString(), tg.toString(), "" + epochs, "42", threads));
            Timing ours = run("cdgm", engineCmd, "1", warmup); // the engine's threads call one-thread BLAS
            List<String> refCmd = new ArrayList<>(List.of(python, "benchmarks/reference/contrastive_vae.py",
                    "--background", bg.toString(), "--target", tg.toString(), "--epochs", "" + epochs,
                    "--threads", threads, "--seed", "42"));
            refCmd.addAll(c.referenceArgs());
            Timing ref = run("pytorch", refCmd, threads, warmup);
            List<String> peakCmd = List.of(javaBinary(), "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp", System.getProperty("java.class.path"), MatmulPeak.class.getName(), "" + d.geneCount(),
                    "" + c.width(), "" + c.batch());
            double peak = number(runJson("nd4j-mmul", peakCmd, threads), "gflops");
            double gflopPerEpoch = c.denseFlopsPerStep(d.geneCount())
                    * c.stepsPerEpoch(d.background().cells(), d.target().cells()) / 1e9;
            String row = String.format(Locale.ROOT,
                    "| %s | (%d + %d) x %d | %s | %.3f | %.3f | **%.2f** | %.0f | %.0f | %.1f / %.1f / %.1f |%n",
                    c.name(), d.background().cells(), d.target().cells(), d.geneCount(), threads,
                    ours.medianSeconds(), ref.medianSeconds(), ours.medianSeconds() / ref.medianSeconds(),
                    ours.peakMib(), ref.peakMib(), gflopPerEpoch / ours.medianSeconds(), gflopPerEpoch / ref.medianSeconds(), peak);
            System.out.print(row);
            table.append(row);
            if (!keep) {
                Files.deleteIfExists(bg);
                Files.deleteIfExists(tg);
            }
        }
        Files.createDirectories(out);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
        Path file = out.resolve("training-" + stamp + ".md");
        Files.writeString(file, "# Training benchmark " + stamp + "\n\n" + machine() + "\nMedian seconds per epoch "
                + "after " + warmup + " warm-up epoch(s) of " + epochs + "; each implementation in its own process, "
                + "one after the other.\n\n" + table);
        System.out.println();
        System.out.print(table);
        System.out.println("written to " + file);
        if (!keep) {
            Files.deleteIfExists(work);
        }
    }

    private static ContrastiveDataset dataset(BenchmarkCase c, Path data) throws IOException {
        if (c.name().startsWith("gaussian-sim")) {
            return Simulator.simulate(SimulationSettings.defaults().withSize(5000, 5000, 2000)).dataset();
        }
        Path screen = data.resolve("papalexi2021_lowmoi");
        AnnotatedMatrix a = TenXReader.read(screen, screen.resolve("cell_metadata.csv"), null);
        return ConditionSplit.split(a, "condition", Set.of("background"), Set.of("target"));
    }

    private static Timing run(String name, List<String> cmd, String threads, int warmup) throws Exception {
        String json = runJson(name, cmd, threads);
        Matcher s = SECONDS.matcher(json);
        Matcher m = PEAK.matcher(json);
        if (!s.find() || !m.find()) {
            throw new IllegalStateException(name + " printed no timings: " + json);
        }
        double[] seconds = Arrays.stream(s.group(1).split(",")).map(String::trim).mapToDouble(Double::parseDouble)
                .toArray();
        double[] measured = Arrays.copyOfRange(seconds, warmup, seconds.length);
        Arrays.sort(measured);
        int n = measured.length;
        double median = n % 2 == 1 ? measured[n / 2] : (measured[n / 2 - 1] + measured[n / 2]) / 2;
        System.out.printf(Locale.ROOT, "  %-8s epochs %s s, peak RSS %s MiB%n", name, s.group(1), m.group(1));
        return new Timing(median, Double.parseDouble(m.group(1)));
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([0-9.]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + key + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }

    /** Runs a child process with the thread settings and returns the JSON line it printed. */
    private static String runJson(String name, List<String> cmd, String threads) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        for (String v : new String[] {"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"}) {
            env.put(v, threads);
        }
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        String json = null;
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                log.append(line).append('\n');
                if (line.startsWith("{")) {
                    json = line;
                }
            }
        }
        if (p.waitFor() != 0 || json == null) {
            throw new IllegalStateException(name + " run failed (exit " + p.exitValue() + "):\n" + log);
        }
        return json;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // leave unknown
        }
        return "Machine: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores visible, Java "
                + System.getProperty("java.version") + ".\n";
    }
}
