package dev.bitmsg.node.wire;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The wire layer depends only on the JDK and the PoW definitions (house style 2.2). */
class WireArchitectureTest {
  @Test
  void wire_dependsOnlyOnJdkAndPow() {
    JavaClasses main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.bitmsg.node.wire");
    classes()
        .that()
        .resideInAPackage("dev.bitmsg.node.wire..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.bitmsg.pow..", "dev.bitmsg.node.wire..")
        .check(main);
  }
}
