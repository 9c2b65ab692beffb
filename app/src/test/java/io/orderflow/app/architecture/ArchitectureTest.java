package io.orderflow.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module layering of docs/architecture.md true: core-api at the bottom, the write side,
 * the saga, the read side, the web tier and the Kafka bridge beside each other, the application on
 * top.
 *
 * <p>The rules about one module allow an empty selection: a module whose classes are not on the
 * class path yet (a skeleton jar) has nothing to check, and the rule starts biting as soon as it has
 * classes.
 */
class ArchitectureTest {

    private static final String CORE_API = "io.orderflow.api..";
    private static final String WRITE_SIDE = "io.orderflow.write..";
    private static final String SAGA = "io.orderflow.saga..";
    private static final String READ_SIDE = "io.orderflow.projections..";
    private static final String WEB = "io.orderflow.ui..";
    private static final String BRIDGE = "io.orderflow.bridge..";
    private static final String APPLICATION = "io.orderflow.app..";
    private static final String AXON_SUPPORT = "io.orderflow.support..";

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.orderflow");
    }

    @Test
    void coreApiDependsOnlyOnTheJdkAndAxonModellingAnnotations() {
        ArchRule rule = classes().that().resideInAPackage(CORE_API)
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(CORE_API, "java..", "org.axonframework.modelling.command..", "org.axonframework.serialization..")
                .because("core-api is the shared vocabulary and must stay free of frameworks (STYLE.md #1)");
        rule.check(classes);
    }

    @Test
    void theWriteSideDoesNotKnowTheSagaTheReadSideTheWebOrKafka() {
        noClasses().that().resideInAPackage(WRITE_SIDE)
                .should().dependOnClassesThat().resideInAnyPackage(SAGA, READ_SIDE, WEB, BRIDGE, APPLICATION)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theSagaTalksToOtherContextsOnlyThroughCoreApiMessages() {
        noClasses().that().resideInAPackage(SAGA)
                .should().dependOnClassesThat().resideInAnyPackage(WRITE_SIDE, READ_SIDE, WEB, BRIDGE, APPLICATION)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theReadSideDependsOnlyOnCoreApiMessages() {
        noClasses().that().resideInAPackage(READ_SIDE)
                .should().dependOnClassesThat().resideInAnyPackage(WRITE_SIDE, SAGA, WEB, BRIDGE, APPLICATION)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theWebTierUsesOnlyCoreApiAndTheSimulationSettingsOfTheWriteSide() {
        noClasses().that().resideInAPackage(WEB)
                .should().dependOnClassesThat(
                        DescribedPredicate.describe("write-side classes other than simulation settings",
                                c -> c.getPackageName().startsWith("io.orderflow.write")
                                        && !c.getPackageName().equals("io.orderflow.write.simulation")))
                .orShould().dependOnClassesThat().resideInAnyPackage(SAGA, READ_SIDE, BRIDGE, APPLICATION)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theKafkaBridgeDependsOnlyOnCoreApiMessages() {
        noClasses().that().resideInAPackage(BRIDGE)
                .should().dependOnClassesThat().resideInAnyPackage(WRITE_SIDE, SAGA, READ_SIDE, WEB, APPLICATION)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theSharedAxonSupportKnowsNoDomainAndNoModule() {
        noClasses().that().resideInAPackage(AXON_SUPPORT)
                .should().dependOnClassesThat()
                .resideInAnyPackage(CORE_API, WRITE_SIDE, SAGA, READ_SIDE, WEB, BRIDGE, APPLICATION)
                .because("axon-support is infrastructure both the write side and the saga use")
                .check(classes);
    }

    @Test
    void noModuleReachesIntoAnotherModulesInternals() {
        for (String module : new String[] {"write", "saga", "projections", "ui", "bridge", "app", "schema"}) {
            String root = "io.orderflow." + module;
            noClasses().that().resideOutsideOfPackage(root + "..")
                    .should().dependOnClassesThat().resideInAPackage(root + "..internal..")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }
}
