package dev.bitmsg.node.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.bitmsg.node.pow.PowProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node's structure, checked on its classes (house style 2.2 and 2.19): packages free of cycles;
 * the composition root ({@code app}) the only package that wires, i.e. that reaches the SQLite
 * stores, the Bouncy Castle suite and the PoW providers, and that nothing else depends on; JDBC
 * only in {@code store.sqlite}, Bouncy Castle only in {@code crypto.bc}, Netty only in {@code net}
 * (and the commands), the wire layer on the JDK and the PoW definitions only; constructors of at
 * most seven parameters; templates and QR codes only in {@code web}, which reaches the node through
 * the API ports alone.
 */
class NodeArchitectureTest {
  private static final String NODE = "dev.bitmsg.node";
  private static final String APP = NODE + ".app..";

  /** Main and test classes of the node (test classes are checked by the Bouncy Castle rule). */
  private static JavaClasses all;

  /** Main classes only. */
  private static JavaClasses main;

  @BeforeAll
  static void importClasses() {
    all = new ClassFileImporter().importPackages(NODE);
    main = all.that(not(inTestClasses()));
  }

  private static DescribedPredicate<JavaClass> inTestClasses() {
    return DescribedPredicate.describe(
        "in test classes",
        c ->
            c.getSource().map(s -> s.getUri().toString().contains("/test-classes/")).orElse(false));
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching(NODE + ".(**)").should().beFreeOfCycles().check(main);
  }

  @Test
  void nothingDependsOnTheCompositionRoot() {
    noClasses()
        .that()
        .resideOutsideOfPackage(APP)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(APP)
        .because("parts get what they use through their constructors, never the root")
        .check(main);
  }

  @Test
  void onlyTheCompositionRootReachesTheSqliteStores() {
    noClasses()
        .that()
        .resideOutsideOfPackages(APP, NODE + ".store.sqlite..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(NODE + ".store.sqlite..")
        .because("stores are used through the store interfaces")
        .check(main);
  }

  @Test
  void onlyTheCompositionRootReachesTheBouncyCastleSuite() {
    noClasses()
        .that()
        .resideOutsideOfPackages(APP, NODE + ".crypto.bc..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(NODE + ".crypto.bc..")
        .because("crypto is used through the crypto interfaces")
        .check(main);
  }

  @Test
  void onlyTheCompositionRootChoosesPowProviders() {
    noClasses()
        .that()
        .resideOutsideOfPackages(APP, NODE + ".pow..")
        .should()
        .dependOnClassesThat(assignableTo(PowProvider.class).and(not(type(PowProvider.class))))
        .because("the node's PoW provider is chosen once and handed in as a PowProvider")
        .check(main);
  }

  @Test
  void onlyTheWebInterfaceRendersPages() {
    noClasses()
        .that()
        .resideOutsideOfPackage(NODE + ".web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.github.mustachejava..", "io.nayuki.qrcodegen..")
        .because("templates and QR codes are the web interface's own business")
        .check(main);
  }

  @Test
  void theWebInterfaceReachesTheNodeThroughTheApiPortsOnly() {
    noClasses()
        .that()
        .resideInAPackage(NODE + ".web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(NODE + ".events..", NODE + ".metrics..")
        .because("the web interface sees the node as the API does, through api.ApiPorts")
        .check(main);
  }

  @Test
  void onlyStoreSqliteTouchesJdbc() {
    noClasses()
        .that()
        .resideOutsideOfPackage(NODE + ".store.sqlite..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "org.sqlite..")
        .check(main);
  }

  @Test
  void onlyRpcTouchesGson() {
    noClasses()
        .that()
        .resideOutsideOfPackage(NODE + ".rpc..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.google.gson..")
        .because("the node has one JSON reader and writer, rpc.Json")
        .check(all);
  }

  @Test
  void onlyCryptoBcImportsBouncyCastle() {
    noClasses()
        .that()
        .resideOutsideOfPackage(NODE + ".crypto.bc..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.bouncycastle..")
        .check(all);
  }

  @Test
  void cryptoInterfacesDependOnTheJdkOnly() {
    classes()
        .that()
        .resideInAPackage(NODE + ".crypto")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(NODE + ".crypto", "java..", "javax.net.ssl..")
        .check(main);
  }

  @Test
  void wireDependsOnlyOnTheJdkAndThePowDefinitions() {
    classes()
        .that()
        .resideInAPackage(NODE + ".wire..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.bitmsg.pow..", NODE + ".wire..")
        .check(main);
  }

  @Test
  void nettyStaysInNet() {
    noClasses()
        .that()
        .resideOutsideOfPackages(NODE + ".net..", APP)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.netty..")
        .check(main);
  }

  @Test
  void byteBufNeverLeavesTheNetPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage(NODE + ".net..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.netty.buffer.ByteBuf")
        .check(main);
  }

  @Test
  void storeInterfacesDoNotKnowTheNetwork() {
    noClasses()
        .that()
        .resideInAPackage(NODE + ".store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(NODE + ".net..", APP)
        .check(main);
  }

  @Test
  void constructorsTakeAtMostSevenParameters() {
    constructors()
        .that()
        .areDeclaredInClassesThat(not(records()).and(not(anonymousClasses())))
        .should(haveAtMostParameters(7))
        .because("collaborators and settings are grouped into records")
        .check(main);
  }

  /**
   * Records are exempt: a record's components are its data (a wire message's fields, a table row, a
   * settings record), not collaborators.
   */
  private static DescribedPredicate<JavaClass> records() {
    return DescribedPredicate.describe("records", JavaClass::isRecord);
  }

  /** Anonymous classes are exempt: javac passes what they capture to their constructors. */
  private static DescribedPredicate<JavaClass> anonymousClasses() {
    return DescribedPredicate.describe("anonymous classes", JavaClass::isAnonymousClass);
  }

  private static ArchCondition<JavaConstructor> haveAtMostParameters(int max) {
    return new ArchCondition<>("have at most " + max + " parameters") {
      @Override
      public void check(JavaConstructor c, ConditionEvents events) {
        int n = c.getRawParameterTypes().size();
        if (n > max) {
          events.add(
              SimpleConditionEvent.violated(
                  c, c.getFullName() + " has " + n + " parameters (at most " + max + ")"));
        }
      }
    };
  }
}
