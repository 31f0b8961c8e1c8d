package org.cdgm.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where this process's resident memory is, for docs/benchmarks.md ("Memory: where the resident set goes"): the
 * resident pages of /proc/self/smaps grouped into the Java heap (its address range from the JVM's own heap
 * report), other anonymous memory (the JVM's native structures, ND4J's buffers and workspaces, glibc's malloc
 * arenas, OpenBLAS's buffers) and each mapped file (shared libraries, the class-data archive), plus the heap's
 * used and committed bytes, JavaCPP's counters and, when the JVM runs with
 * {@code -XX:NativeMemoryTracking=summary}, the JVM's native memory by category. A snapshot at the time of the
 * call, not a peak; with the serial collector the heap's resident pages never shrink, so after training it is
 * close to the peak. All sizes in MiB.
 */
final class MemoryReport {
    private static final Pattern HEAP_RANGE = Pattern.compile("\\[(0x[0-9a-f]+), (?:0x[0-9a-f]+, )?(0x[0-9a-f]+)\\)");
    private static final Pattern NMT_LINE = Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");
    private static final ObjectName DIAGNOSTICS = diagnostics();

    private MemoryReport() {
    }

    /**
     * The platform's floor: this JVM with ND4J and its BLAS loaded and one 128 x 2,000 by 2,000 x 128 float product
     * done, no data and no model. Prints the report to standard output.
     */
    public static void main(String[] args) {
        INDArray a = Nd4j.rand(DataType.FLOAT, 128, 2000);
        INDArray b = Nd4j.rand(DataType.FLOAT, 2000, 128);
        System.out.printf(Locale.ROOT, "one product, sum %.3f%n", a.mmul(b).sumNumber().doubleValue());
        System.out.print(text());
    }

    /** The report as lines of text. */
    static String text() {
        StringBuilder out = new StringBuilder();
        Map<String, Long> status = status();
        out.append(String.format(Locale.ROOT, "resident: peak (VmHWM) %.1f, now (VmRSS) %.1f = anonymous %.1f + "
                        + "files %.1f%n", mib(status.get("VmHWM")), mib(status.get("VmRSS")),
                mib(status.get("RssAnon")), mib(status.get("RssFile"))));
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        out.append(String.format(Locale.ROOT, "java heap: used %.1f, committed %.1f, max %.1f (collector %s)%n",
                heap.getUsed() / 1048576.0, heap.getCommitted() / 1048576.0, heap.getMax() / 1048576.0,
                ManagementFactory.getGarbageCollectorMXBeans().get(0).getName()));
        out.append(String.format(Locale.ROOT, "javacpp: totalBytes %.1f, physicalBytes %.1f%n",
                Pointer.totalBytes() / 1048576.0, Pointer.physicalBytes() / 1048576.0));
        out.append("resident by mapping:\n");
        residentByMapping().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() >= 512).forEach(e -> out.append(String.format(Locale.ROOT,
                        "  %8.1f  %s%n", e.getValue() / 1024.0, e.getKey())));
        String nmt = command("vmNativeMemory", "summary");
        if (nmt.contains("Total:")) {
            out.append("jvm native memory tracking, committed:\n");
            for (String line : nmt.split("\n")) {
                Matcher m = NMT_LINE.matcher(line.trim().startsWith("-") ? line.trim() : "");
                if (m.find() && Long.parseLong(m.group(3)) >= 512) {
                    out.append(String.format(Locale.ROOT, "  %8.1f  %s%n", Long.parseLong(m.group(3)) / 1024.0,
                            m.group(1)));
                }
            }
        }
        return out.toString();
    }

    /** Resident KiB per mapping class: the Java heap, other anonymous memory, or the mapped file's name. */
    private static Map<String, Long> residentByMapping() {
        // the reserved range of every heap generation (G1: one; serial: young and old, adjacent)
        long lo = Long.MAX_VALUE;
        long hi = 0;
        Matcher range = HEAP_RANGE.matcher(command("gcHeapInfo"));
        while (range.find()) {
            lo = Math.min(lo, Long.parseUnsignedLong(range.group(1).substring(2), 16));
            hi = Math.max(hi, Long.parseUnsignedLong(range.group(2).substring(2), 16));
        }
        Map<String, Long> kib = new TreeMap<>();
        String current = null;
        for (String line : lines("/proc/self/smaps")) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] f = line.trim().split("\\s+", 6);
                long start = Long.parseUnsignedLong(f[0].substring(0, f[0].indexOf('-')), 16);
                if (f.length < 6) {
                    current = start >= lo && start < hi ? "[java heap]" : "[anonymous, outside the java heap]";
                } else {
                    String name = f[5];
                    current = name.startsWith("[") ? name : name.substring(name.lastIndexOf('/') + 1);
                    current = current.endsWith(".jar") ? "*.jar" : current;
                }
            } else if (line.startsWith("Rss:") && current != null) {
                kib.merge(current, Long.parseLong(line.replaceAll("[^0-9]", "")), Long::sum);
            }
        }
        return kib;
    }

    private static Map<String, Long> status() {
        Map<String, Long> kib = new TreeMap<>();
        for (String line : lines("/proc/self/status")) {
            if (line.startsWith("Vm") || line.startsWith("Rss")) {
                kib.put(line.substring(0, line.indexOf(':')), Long.parseLong(line.replaceAll("[^0-9]", "")));
            }
        }
        return kib;
    }

    private static double mib(Long kib) {
        return kib == null ? Double.NaN : kib / 1024.0;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A jcmd diagnostic command run inside this JVM; its text, or "" when it is unavailable. */
    private static String command(String operation, String... args) {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(DIAGNOSTICS, operation,
                    new Object[] {args}, new String[] {String[].class.getName()});
        } catch (Exception e) {
            return "";
        }
    }

    private static ObjectName diagnostics() {
        try {
            return new ObjectName("com.sun.management:type=DiagnosticCommand");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
