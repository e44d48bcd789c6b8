package dev.stepfold.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * runtime-core's packages and Kafka: none of its classes knows Kafka (the engine is a pure function, the plumbing lives
 * in streams-app), and its packages form a graph without cycles (a package below {@code dev.stepfold}, with its
 * subpackages, is one node): the features built on the engine (redrive, map runs, the state machine resource, the
 * hosts, the codecs) depend on it, never the reverse.
 */
class PackageDependenciesTest {
  /** runtime-core's own classes, not those of the modules it depends on. */
  private static final JavaClasses RUNTIME_CORE = new ClassFileImporter().importPath(Path.of("target", "classes"));

  @Test
  void shouldNotDependOnKafka() {
    noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka..").check(RUNTIME_CORE);
  }

  @Test
  void shouldHaveNoCycleBetweenPackages() {
    slices().matching("dev.stepfold.(*)..").should().beFreeOfCycles().check(RUNTIME_CORE);
  }
}
