package io.sqledge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the core apart from Maven: the packages that load, check, render, verify and write know
 * nothing of Maven, so they can be tested with plain JUnit and reused by other front ends.
 */
class ArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.sqledge");

  @Test
  void theCoreDoesNotDependOnMaven() {
    noClasses()
        .that().resideOutsideOfPackage("io.sqledge.maven..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.apache.maven..", "org.codehaus.plexus..", "org.eclipse.aether..")
        .check(CLASSES);
  }

  @Test
  void nothingDependsOnTheMavenAdapter() {
    noClasses()
        .that().resideOutsideOfPackage("io.sqledge.maven..")
        .should().dependOnClassesThat().resideInAPackage("io.sqledge.maven..")
        .check(CLASSES);
  }

  @Test
  void dataFlowsOneWay() {
    // config → check → render → verify → write; generate runs them; nothing points back.
    noClasses().that().resideInAPackage("io.sqledge.config..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.sqledge.check..", "io.sqledge.render..", "io.sqledge.verify..",
            "io.sqledge.write..", "io.sqledge.generate..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("io.sqledge.render..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.sqledge.verify..", "io.sqledge.write..", "io.sqledge.generate..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("io.sqledge.verify..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.sqledge.write..", "io.sqledge.generate..")
        .check(CLASSES);
    // The T-SQL room is on the ground floor: built from text alone, used by render and operate.
    noClasses().that().resideInAPackage("io.sqledge.sql..")
        .should().dependOnClassesThat().resideInAnyPackage("io.sqledge.config..",
            "io.sqledge.check..", "io.sqledge.render..", "io.sqledge.verify..",
            "io.sqledge.write..", "io.sqledge.generate..", "io.sqledge.apply..",
            "io.sqledge.operate..")
        .check(CLASSES);
    slices().matching("io.sqledge.(*)..").should().beFreeOfCycles().check(CLASSES);
  }
}
