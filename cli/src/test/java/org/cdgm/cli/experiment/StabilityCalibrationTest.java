package org.cdgm.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cdgm.engine.data.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StabilityCalibrationTest {
    @TempDir
    Path dir;

    private static final String HEADER = String.join(",", ClaimRunner.RAW_COLUMNS) + "\n";

    /** Fits 1, 2, 3 of one setting with salient aligned MCC 0.9, 0.7, 0.5 and pairs of stability 0.95, 0.55, 0.3. */
    private Path run(String name, String setting) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        StringBuilder sb = new StringBuilder(HEADER);
        double[] mcc = {0.9, 0.7, 0.5};
        double[] leak = {0.1, 0.3, 0.5};
        for (int s = 1; s <= 3; s++) {
            sb.append('"').append(setting).append("\",co,1001,").append(s).append(",,salient,mcc_aligned,")
                    .append(mcc[s - 1]).append('\n');
            sb.append('"').append(setting).append("\",co,1001,").append(s).append(",,salient,leakage_linear,")
                    .append(leak[s - 1]).append('\n');
        }
        sb.append('"').append(setting).append("\",co,1001,1,2,salient,stability_mcc,0.95\n");
        sb.append('"').append(setting).append("\",co,1001,1,3,salient,stability_mcc,0.55\n");
        sb.append('"').append(setting).append("\",co,1001,2,3,salient,stability_mcc,0.3\n");
        sb.append('"').append(setting).append("\",co,1001,2,3,salient,stability_r2,0.4\n");
        Files.writeString(folder.resolve("raw.csv"), sb.toString());
        return folder;
    }

    @Test
    void pairsTakeTheMeanOfTheirFitsAndFallIntoBands() throws IOException {
        List<StabilityCalibration.Pair> pairs = StabilityCalibration.read(List.of(run("a",
                "mixing=relu,decoder=relu")));
        assertEquals(3, pairs.size(), "stability_mcc rows only");
        StabilityCalibration.Pair p = pairs.get(1);
        assertEquals(1, p.seedA());
        assertEquals(3, p.seedB());
        assertEquals(0.55, p.stability());
        assertEquals(0.7, p.trueMcc(), 1e-12, "mean of 0.9 and 0.5");
        assertEquals(0.3, p.leakage(), 1e-12);
        List<StabilityCalibration.Band> bands = StabilityCalibration.bands(pairs);
        assertEquals(List.of("below 0.5", "0.5-0.6", "0.9 and above"), bands.stream().map(StabilityCalibration::label)
                .toList());
        assertEquals(0.8, bands.get(2).trueMcc().mean(), 1e-12);
        StabilityCalibration.Agreement a = StabilityCalibration.agreement(pairs).get(0);
        assertEquals("salient", a.block());
        assertEquals(1.0, a.spearmanMcc(), 1e-12, "higher stability, higher true MCC here");
        assertEquals(-1.0, a.spearmanLeakage(), 1e-12);
    }

    @Test
    void theSameFitsInTwoExperimentsCountOnce() throws IOException {
        List<StabilityCalibration.Pair> pairs = StabilityCalibration.read(List.of(run("a", "noise=gaussian"),
                run("b", "mixing=relu,decoder=relu")));
        assertEquals(3, pairs.size());
    }

    @Test
    void writesTablesAndPicture() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        String md = StabilityCalibration.write(StabilityCalibration.read(List.of(run("a", "x=1"))), out);
        assertTrue(md.contains("| salient | 0.5-0.6 | 1 | 0.700 | 0.300 |"), md);
        assertEquals(String.join(",", StabilityCalibration.BAND_COLUMNS),
                Files.readAllLines(out.resolve("calibration.csv")).get(0));
        assertEquals(4, Files.readAllLines(out.resolve("pairs.csv")).size());
        assertTrue(Files.size(out.resolve("calibration.png")) > 1000);
    }

    @Test
    void missingFilesAndFitsAreNamed() throws IOException {
        Path none = dir.resolve("none");
        assertEquals("No raw.csv in " + none + ": give the --out folder of cdgm experiment mixing, noise or "
                + "misspecified", assertThrows(InvalidInputException.class,
                        () -> StabilityCalibration.read(List.of(none))).getMessage());
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("raw.csv"), HEADER + "s,co,1001,1,2,shared,stability_mcc,0.5\n");
        String m = assertThrows(InvalidInputException.class, () -> StabilityCalibration.read(List.of(broken)))
                .getMessage();
        assertTrue(m.endsWith("has a stability row for training seed 1 (s, co, data seed 1001, shared) but no "
                + "mcc_aligned of that fit"), m);
        assertThrows(InvalidInputException.class, () -> StabilityCalibration.write(List.of(), dir));
    }
}
