package dev.bitmsg.node.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bouncy Castle stays behind the crypto interfaces (house style: crypto isolation). */
class CryptoIsolationTest {
  private static JavaClasses main;
  private static JavaClasses all;

  @BeforeAll
  static void importClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.bitmsg.node");
    all = new ClassFileImporter().importPackages("dev.bitmsg.node");
  }

  @Test
  void onlyCryptoBcImportsBouncyCastle() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.bitmsg.node.crypto.bc..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.bouncycastle..")
        .check(all);
  }

  @Test
  void cryptoInterfacesDependOnTheJdkOnly() {
    classes()
        .that()
        .resideInAPackage("dev.bitmsg.node.crypto")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.bitmsg.node.crypto", "java..")
        .check(main);
  }

  @Test
  void domainCodeUsesInterfacesNotTheBcImplementations() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.bitmsg.node.address..", "dev.bitmsg.node.content..", "dev.bitmsg.node.wire..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.bitmsg.node.crypto.bc..")
        .check(main);
  }
}
