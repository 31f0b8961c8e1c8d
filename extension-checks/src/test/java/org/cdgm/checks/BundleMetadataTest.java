package org.cdgm.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** MANIFEST, build.properties, feature, update site and the engine bundle agree on ids, versions and contents. */
class BundleMetadataTest {
    static final Map<String, String> MANIFEST = Project.manifest(Project.read(Project.PLUGIN.resolve(
            "META-INF/MANIFEST.MF")));

    private static String projectVersion() {
        Element project = Project.xml(Project.ROOT.resolve("pom.xml")).getDocumentElement();
        return Project.children(project, "version").get(0).getTextContent().trim();
    }

    private static String artifactId(Path pom) {
        return Project.children(Project.xml(pom).getDocumentElement(), "artifactId").get(0).getTextContent().trim();
    }

    /** 0.1.0-SNAPSHOT -> 0.1.0.qualifier, as Tycho requires. */
    private static String osgiVersion() {
        return projectVersion().replace("-SNAPSHOT", ".qualifier");
    }

    @Test
    void pluginManifestMatchesItsPomAndTheProjectVersion() {
        assertEquals("2", MANIFEST.get("Bundle-ManifestVersion"));
        String bsn = MANIFEST.get("Bundle-SymbolicName").split(";")[0].trim();
        assertTrue(MANIFEST.get("Bundle-SymbolicName").contains("singleton:=true"),
                "a bundle with plugin.xml extensions must be a singleton");
        assertEquals(artifactId(Project.PLUGIN.resolve("pom.xml")), bsn, "Tycho needs artifactId == symbolic name");
        assertEquals(osgiVersion(), MANIFEST.get("Bundle-Version"));
        assertEquals("JavaSE-17", MANIFEST.get("Bundle-RequiredExecutionEnvironment"));
        List<String> required = Project.clauses(MANIFEST.get("Require-Bundle"));
        assertTrue(required.stream().anyMatch(r -> r.startsWith("org.knime.core;bundle-version=\"[5.5.0,6.0.0)\"")),
                "KNIME [5.5, 6.0) expected: " + required);
        assertTrue(required.stream().anyMatch(r -> r.startsWith("org.cdgm.engine;bundle-version=\"[0.1.0,0.2.0)\"")),
                "the engine bundle, version 0.1.x: " + required);
        for (String entry : Project.clauses(MANIFEST.get("Bundle-ClassPath"))) {
            assertTrue(entry.equals(".") || Files.exists(Project.PLUGIN.resolve(entry)), "Bundle-ClassPath " + entry);
        }
    }

    @Test
    void buildPropertiesShipWhatThePluginNeeds() {
        String props = Project.read(Project.PLUGIN.resolve("build.properties"));
        for (String needed : new String[] {"META-INF/", "plugin.xml", "icons/"}) {
            assertTrue(props.contains(needed), "bin.includes must contain " + needed);
        }
        assertTrue(props.contains("source.. = src/main/java/"), "node sources (with their XML and icons) in src/main/java");
    }

    @Test
    void featureAndUpdateSiteReferenceTheBundles() {
        Element feature = Project.xml(Project.ROOT.resolve("feature/feature.xml")).getDocumentElement();
        assertEquals(artifactId(Project.ROOT.resolve("feature/pom.xml")), feature.getAttribute("id"));
        assertEquals(osgiVersion(), feature.getAttribute("version"));
        Set<String> plugins = new HashSet<>();
        for (Element p : Project.children(feature, "plugin")) {
            plugins.add(p.getAttribute("id"));
            if (p.getAttribute("id").equals("org.cdgm.engine")) {
                assertEquals("true", p.getAttribute("unpack"), "JavaCPP loads natives from an unpacked engine bundle");
            }
        }
        Set<String> expected = new TreeSet<>(Set.of("org.cdgm.engine", "org.cdgm.knime"));
        PlatformFragmentsTest.FRAGMENT_MODULES.forEach(m -> expected.add(artifactId(m.resolve("pom.xml"))));
        assertEquals(expected, new TreeSet<>(plugins), "the feature lists the engine, its platform fragments and the nodes");
        assertEquals(artifactId(Project.ROOT.resolve("engine-bundle/pom.xml")), "org.cdgm.engine");
        Element site = Project.xml(Project.ROOT.resolve("update-site/category.xml")).getDocumentElement();
        List<Element> features = Project.children(site, "feature");
        assertEquals(1, features.size());
        assertEquals(feature.getAttribute("id"), features.get(0).getAttribute("id"));
        String category = Project.children(features.get(0), "category").get(0).getAttribute("name");
        assertTrue(Project.children(site, "category-def").stream().anyMatch(c -> c.getAttribute("name")
                .equals(category)), "category " + category + " not defined");
    }

    @Test
    void engineBundleCarriesItsClassPathAndExportsWhatTheNodesImport() throws IOException {
        Path jar = Path.of(System.getProperty("cdgm.engine.bundle", "missing"));
        Assumptions.assumeTrue(Files.isRegularFile(jar), "engine bundle not packaged (run mvn verify): " + jar);
        try (JarFile jf = new JarFile(jar.toFile())) {
            var attrs = jf.getManifest().getMainAttributes();
            assertEquals("org.cdgm.engine", attrs.getValue("Bundle-SymbolicName"));
            assertTrue(attrs.getValue("Bundle-Version").startsWith(projectVersion().replace("-SNAPSHOT", "")));
            assertEquals("dir", attrs.getValue("Eclipse-BundleShape"));
            Set<String> classPath = new TreeSet<>(Project.clauses(attrs.getValue("Bundle-ClassPath")));
            Set<String> embedded = new TreeSet<>();
            jf.stream().map(e -> e.getName()).filter(n -> n.startsWith("lib/") && n.endsWith(".jar"))
                    .forEach(embedded::add);
            assertFalse(embedded.isEmpty(), "no jars embedded under lib/");
            Set<String> missing = new TreeSet<>(classPath);
            missing.remove(".");
            missing.removeAll(embedded);
            assertTrue(missing.isEmpty(), "Bundle-ClassPath entries not in the bundle: " + missing);
            Set<String> unlisted = new TreeSet<>(embedded);
            unlisted.removeAll(classPath);
            assertTrue(unlisted.isEmpty(), "jars in the bundle but not on Bundle-ClassPath: " + unlisted);
            assertTrue(embedded.contains("lib/nd4j-native-1.0.0-M2.1.jar"), "ND4J's CPU backend classes");
            assertTrue(embedded.stream().anyMatch(n -> n.matches("lib/openblas-[0-9.-]+\\.jar")), "OpenBLAS classes");
            assertTrue(embedded.stream().noneMatch(n -> n.matches(".*-(linux|windows|macosx)-(x86_64|arm64)\\.jar")),
                    "native jars belong in the platform fragments (engine-natives/), not the host: " + embedded);

            Set<String> exported = new HashSet<>();
            for (String clause : Project.clauses(attrs.getValue("Export-Package"))) {
                exported.add(clause.split(";")[0].trim());
            }
            assertTrue(exported.stream().allMatch(p -> p.startsWith("org.cdgm.engine")),
                    "only engine packages may be exported (never ND4J/JavaCPP): " + exported);
            Set<String> imported = engineImportsOfThePlugin();
            Set<String> notExported = new TreeSet<>(imported);
            notExported.removeAll(exported);
            assertTrue(notExported.isEmpty(), "the nodes import engine packages the bundle does not export: "
                    + notExported);
            // The bundle's API is what the nodes use: the network, distributions, parameters and numeric helpers
            // stay private, so that they can change without a KNIME-visible API change.
            Set<String> unused = new TreeSet<>(exported);
            unused.removeAll(imported);
            assertTrue(unused.isEmpty(), "the bundle exports engine packages no node imports: " + unused
                    + " (drop them from bundle.api.exports in engine-bundle/pom.xml)");
        }
    }

    private static Set<String> engineImportsOfThePlugin() throws IOException {
        // Packages are lower case: import a.b.Outer.Inner; imports from package a.b.
        Pattern imp = Pattern.compile("^import (org\\.cdgm\\.engine(?:\\.[a-z]\\w*)*)\\.[A-Z][\\w.]*;", Pattern.MULTILINE);
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Project.PLUGIN_SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = imp.matcher(Project.read(f));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        assertNotNull(out);
        return out;
    }
}
