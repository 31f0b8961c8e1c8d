package org.cdgm.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's layering, checked on the compiled classes (ArchUnit) so that a change that breaks it fails the
 * build: the engine is plain Java without KNIME; {@code numeric} is the ground floor; parameter storage and the
 * distributions sit below the network; the engine's top-level packages form no cycle; jobs with a {@code main}
 * live in the command-line module, not in the library.
 */
class ArchitectureTest {

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.cdgm.engine");
    }

    @Test
    void theEngineImportsNothingFromKnime() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.knime..")
                .because("the engine is plain Java; the KNIME nodes are thin adapters in the plugin")
                .check(engine);
    }

    @Test
    void numericIsTheGroundFloor() {
        classes().that().resideInAPackage("org.cdgm.engine.numeric..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.cdgm.engine.numeric..", "java..",
                        "org.nd4j..", "org.bytedeco..")
                .because("host buffers and BLAS helpers serve every layer and depend on none")
                .check(engine);
    }

    @Test
    void parametersDependOnlyOnNumeric() {
        noClasses().that().resideInAPackage("org.cdgm.engine.model.parameters..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cdgm.engine.model",
                        "org.cdgm.engine.model.network..", "org.cdgm.engine.model.distributions..",
                        "org.cdgm.engine.training..", "org.cdgm.engine.objectives..", "org.cdgm.engine.io..")
                .check(engine);
    }

    @Test
    void distributionsDoNotKnowTheNetworkOrTraining() {
        noClasses().that().resideInAPackage("org.cdgm.engine.model.distributions..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cdgm.engine.model.network..",
                        "org.cdgm.engine.training..", "org.cdgm.engine.objectives..", "org.cdgm.engine.io..")
                .check(engine);
    }

    @Test
    void theModelDoesNotKnowHowItIsTrainedOrStored() {
        noClasses().that().resideInAPackage("org.cdgm.engine.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cdgm.engine.training..",
                        "org.cdgm.engine.tuning..", "org.cdgm.engine.io..", "org.cdgm.engine.analysis..",
                        "org.cdgm.engine.metrics..")
                .check(engine);
    }

    @Test
    void theLibraryHasNoMainMethod() {
        noMethods().that().haveName("main").and().areStatic()
                .should().beDeclaredInClassesThat().resideInAPackage("org.cdgm.engine..")
                .because("jobs, experiments and their report writers belong to the command-line module")
                .allowEmptyShould(true) // no main at all is the expected state
                .check(engine);
    }

    @Test
    void topLevelPackagesFormNoCycle() {
        slices().matching("org.cdgm.engine.(*)..").should().beFreeOfCycles().check(engine);
    }
}
