package org.cdgm.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this process: resident set size (VmHWM, the measure the Python side reports too) and the Java heap's
 * pools.
 */
final class PeakMemory {
    private PeakMemory() {
    }

    static double residentMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Sum of the heap pools' peak usage: an upper bound of the peak heap (garbage included). */
    static double heapMib() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / 1048576.0;
    }

    /** Peak usage of the old-generation heap pool, NaN when the collector has none. */
    static double oldGenerationMib() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getName().contains("Old") && p.getPeakUsage() != null) {
                return p.getPeakUsage().getUsed() / 1048576.0;
            }
        }
        return Double.NaN;
    }
}
