package dev.stepfold.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * runtime-core's packages and Kafka: none of its classes knows Kafka (the engine is a pure function, the plumbing lives
 * in streams-app), and its packages form a graph without cycles (a package below {@code dev.stepfold}, with its
 * subpackages, is one node). The cycles that exist today are frozen in {@code src/test/resources/archunit-frozen}: a
 * new one fails this test, and removing one shrinks the store.
 */
class PackageDependenciesTest {
  /** runtime-core's own classes, not those of the modules it depends on. */
  private static final JavaClasses RUNTIME_CORE = new ClassFileImporter().importPath(Path.of("target", "classes"));

  @Test
  void shouldNotDependOnKafka() {
    noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka..").check(RUNTIME_CORE);
  }

  @Test
  void shouldAddNoCycleBetweenPackages() {
    FreezingArchRule.freeze(slices().matching("dev.stepfold.(*)..").should().beFreeOfCycles()).check(RUNTIME_CORE);
  }
}
