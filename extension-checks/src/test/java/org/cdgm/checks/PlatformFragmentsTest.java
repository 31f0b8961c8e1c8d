package org.cdgm.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The natives fragments (engine-natives/), the feature and the Tycho build agree: one fragment per platform, each
 * attaching to org.cdgm.engine, filtered to its os/arch, carrying exactly ND4J's, OpenBLAS's and JavaCPP's native
 * jars of its JavaCPP platform; the feature installs each on its os/arch only; Tycho builds for the same platforms.
 */
class PlatformFragmentsTest {
    static final Path NATIVES = Project.ROOT.resolve("engine-natives");
    static final List<Path> FRAGMENT_MODULES = modules();
    /** JavaCPP's platform names (Maven classifiers) by OSGi os/arch. */
    private static final Map<String, String> JAVACPP = Map.of(
            "linux/x86_64", "linux-x86_64", "linux/aarch64", "linux-arm64", "win32/x86_64", "windows-x86_64",
            "macosx/x86_64", "macosx-x86_64", "macosx/aarch64", "macosx-arm64");

    private static List<Path> modules() {
        Element pom = Project.xml(NATIVES.resolve("pom.xml")).getDocumentElement();
        List<Path> out = new ArrayList<>();
        for (Element modules : Project.children(pom, "modules")) {
            for (Element m : Project.children(modules, "module")) {
                out.add(NATIVES.resolve(m.getTextContent().trim()));
            }
        }
        return out;
    }

    private static String property(Path module, String name) {
        Element pom = Project.xml(module.resolve("pom.xml")).getDocumentElement();
        return Project.children(Project.children(pom, "properties").get(0), name).get(0).getTextContent().trim();
    }

    private static String osArch(Path module) {
        return property(module, "osgi.os") + "/" + property(module, "osgi.arch");
    }

    @Test
    void oneFragmentPerPlatformKnimeRunsOn() {
        Set<String> platforms = FRAGMENT_MODULES.stream().map(PlatformFragmentsTest::osArch)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(JAVACPP.keySet()), platforms);
        for (Path m : FRAGMENT_MODULES) {
            String os = property(m, "osgi.os"), arch = property(m, "osgi.arch");
            assertEquals(os + "-" + arch, m.getFileName().toString(), "module folder of " + m);
            assertEquals(JAVACPP.get(os + "/" + arch), property(m, "javacpp.platform"), "JavaCPP platform of " + m);
            Element pom = Project.xml(m.resolve("pom.xml")).getDocumentElement();
            assertEquals("org.cdgm.engine." + os + "." + arch,
                    Project.children(pom, "artifactId").get(0).getTextContent().trim());
        }
    }

    @Test
    void theFeatureInstallsEachFragmentOnItsPlatformOnly() {
        Element feature = Project.xml(Project.ROOT.resolve("feature/feature.xml")).getDocumentElement();
        Set<String> listed = new TreeSet<>();
        for (Element p : Project.children(feature, "plugin")) {
            String id = p.getAttribute("id");
            if (id.equals("org.cdgm.engine") || id.equals("org.cdgm.knime")) {
                assertEquals("", p.getAttribute("os") + p.getAttribute("arch"), id + " is for every platform");
                continue;
            }
            listed.add(p.getAttribute("os") + "/" + p.getAttribute("arch"));
            assertEquals("org.cdgm.engine." + p.getAttribute("os") + "." + p.getAttribute("arch"), id);
            assertEquals("true", p.getAttribute("fragment"), id);
            assertEquals("true", p.getAttribute("unpack"), id + ": JavaCPP loads natives from unpacked jars");
        }
        assertEquals(new TreeSet<>(JAVACPP.keySet()), listed);
        Set<String> featureDeps = Project.descendants(Project.xml(Project.ROOT.resolve("feature/pom.xml")), "artifactId")
                .stream().map(e -> e.getTextContent().trim()).collect(Collectors.toSet());
        for (Path m : FRAGMENT_MODULES) {
            assertTrue(featureDeps.contains("org.cdgm.engine." + osArch(m).replace('/', '.')),
                    "feature/pom.xml must depend on the fragment of " + osArch(m) + " (Tycho pomDependencies)");
        }
    }

    @Test
    void tychoBuildsForEveryFragmentsPlatform() {
        Set<String> environments = new TreeSet<>();
        for (Element env : Project.descendants(Project.xml(Project.ROOT.resolve("pom.xml")), "environment")) {
            environments.add(Project.children(env, "os").get(0).getTextContent().trim() + "/"
                    + Project.children(env, "arch").get(0).getTextContent().trim());
        }
        assertEquals(new TreeSet<>(JAVACPP.keySet()), environments);
    }

    @Test
    void builtFragmentsAttachToTheEngineFilteredToTheirPlatform() throws IOException {
        for (Path m : FRAGMENT_MODULES) {
            String os = property(m, "osgi.os"), arch = property(m, "osgi.arch");
            String javacpp = JAVACPP.get(os + "/" + arch);
            Path target = m.resolve("target");
            Path jar;
            try (var files = Files.list(target)) {
                jar = files.filter(f -> f.getFileName().toString().matches("org\\.cdgm\\.engine\\..*\\.jar"))
                        .findFirst().orElse(null);
            } catch (IOException e) {
                jar = null;
            }
            Assumptions.assumeTrue(jar != null, "fragment not packaged (run mvn verify): " + target);
            try (JarFile jf = new JarFile(jar.toFile())) {
                var attrs = jf.getManifest().getMainAttributes();
                assertEquals("org.cdgm.engine." + os + "." + arch, attrs.getValue("Bundle-SymbolicName"));
                assertEquals("org.cdgm.engine;bundle-version=\"[0.1.0,0.2.0)\"", attrs.getValue("Fragment-Host"));
                assertEquals("(&(osgi.os=" + os + ")(osgi.arch=" + arch + "))", attrs.getValue("Eclipse-PlatformFilter"));
                assertEquals("dir", attrs.getValue("Eclipse-BundleShape"));
                Set<String> classPath = new TreeSet<>(Project.clauses(attrs.getValue("Bundle-ClassPath")));
                Set<String> embedded = jf.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith("lib/") && n.endsWith(".jar")).collect(Collectors.toCollection(TreeSet::new));
                assertEquals(embedded, classPath, "Bundle-ClassPath of " + jar.getFileName());
                assertEquals(3, embedded.size(), "ND4J, OpenBLAS and JavaCPP natives: " + embedded);
                for (String prefix : new String[] {"lib/nd4j-native-", "lib/openblas-", "lib/javacpp-"}) {
                    assertTrue(embedded.stream().anyMatch(n -> n.startsWith(prefix) && n.endsWith("-" + javacpp + ".jar")),
                            prefix + "*-" + javacpp + ".jar missing in " + jar.getFileName() + ": " + embedded);
                }
                assertFalse(jf.stream().anyMatch(e -> e.getName().endsWith(".class")), "a fragment holds no classes");
            }
        }
    }

    @Test
    void theLicenseShipsWithTheFeature() {
        String license = Project.read(Project.ROOT.resolve("LICENSE"));
        assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004"));
        assertEquals(license, Project.read(Project.ROOT.resolve("feature/LICENSE")), "feature/LICENSE must equal LICENSE");
        assertTrue(Project.read(Project.ROOT.resolve("feature/build.properties")).contains("LICENSE"),
                "feature/build.properties must ship LICENSE");
        Element feature = Project.xml(Project.ROOT.resolve("feature/feature.xml")).getDocumentElement();
        assertEquals("https://www.apache.org/licenses/LICENSE-2.0",
                Project.children(feature, "license").get(0).getAttribute("url"));
    }
}
