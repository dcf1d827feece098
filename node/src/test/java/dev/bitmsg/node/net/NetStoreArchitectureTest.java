package dev.bitmsg.node.net;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Import rules of the networking and storage packages. */
class NetStoreArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.bitmsg.node");

  @Test
  void nettyStaysInNet() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.bitmsg.node.net..")
        .and()
        .resideOutsideOfPackage("dev.bitmsg.node.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.netty..")
        .check(CLASSES);
  }

  @Test
  void byteBufNeverLeavesTheNetPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.bitmsg.node.net..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.netty.buffer.ByteBuf")
        .check(CLASSES);
  }

  @Test
  void jdbcAndSqliteStayInStoreSqlite() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.bitmsg.node.store.sqlite..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "org.sqlite..")
        .check(CLASSES);
  }

  @Test
  void storeInterfacesDoNotKnowTheNetwork() {
    noClasses()
        .that()
        .resideInAPackage("dev.bitmsg.node.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.bitmsg.node.net..", "dev.bitmsg.node.app..")
        .check(CLASSES);
  }
}
