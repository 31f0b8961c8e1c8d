package org.cdgm.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;

import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

class Nd4jRuntimeTest {
    @Test
    void theRunningPlatformsNativesAreFound() {
        assertDoesNotThrow(() -> Nd4jRuntime.requireNatives(Nd4jRuntime.class.getClassLoader(), Loader.getPlatform()));
    }

    @Test
    void missingNativesNameThePlatformAndTheKnimePartToInstall() {
        ClassLoader empty = new URLClassLoader(new URL[0], null);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Nd4jRuntime.requireNatives(empty, "macosx-arm64"));
        assertTrue(e.getMessage().startsWith("cdgm has no native libraries for this computer (macosx-arm64, "), e.getMessage());
        assertTrue(e.getMessage().contains("(org.cdgm.engine.macosx.aarch64) is installed too"), e.getMessage());
        assertTrue(e.getMessage().contains("linux-x86_64, macosx-arm64, macosx-x86_64, windows-x86_64"), e.getMessage());

        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> Nd4jRuntime.requireNatives(Nd4jRuntime.class.getClassLoader(), "linux-ppc64le"));
        assertTrue(other.getMessage().contains("(none exists yet)"), other.getMessage());
    }

    @Test
    void everySupportedPlatformHasAFragment() {
        assertEquals(5, Nd4jRuntime.SUPPORTED_PLATFORMS.size());
    }
}
