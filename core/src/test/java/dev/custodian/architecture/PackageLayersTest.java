package dev.custodian.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Set;

/**
 * The layers of core (docs/architecture.md): the ground floor, then the ports and the evidence,
 * then the duties, then the {@code Custodian} facade. A lower layer never depends on a higher one
 * and no two packages depend on each other, so the picture {@code jdeps} draws stays a ladder.
 */
@AnalyzeClasses(packages = "dev.custodian", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageLayersTest {

  private static final String[] GROUND_FLOOR = {
    "dev.custodian.terms..", "dev.custodian.client..", "dev.custodian.subject.."
  };

  private static final String[] DUTIES = {
    "dev.custodian.dsr..", "dev.custodian.authority..", "dev.custodian.instruction..",
    "dev.custodian.hold..", "dev.custodian.retention..", "dev.custodian.termination..",
    "dev.custodian.breach..", "dev.custodian.audit..", "dev.custodian.subprocessor.."
  };

  /**
   * Where one duty uses another (from, to): each edge points one way, so none closes a cycle.
   * A new edge is a design decision: add it here and to docs/architecture.md.
   */
  private static final Set<String> DUTY_EDGES = Set.of(
      "audit -> retention",
      "audit -> subprocessor",
      "authority -> instruction",
      "dsr -> hold",
      "dsr -> instruction",
      "dsr -> retention",
      "retention -> hold",
      "termination -> hold",
      "termination -> retention");

  /** Every package of core, the root included, is its own slice, as jdeps sees them. */
  @ArchTest
  static final ArchRule corePackagesAreFreeOfCycles =
      slices().assignedFrom(new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String p = javaClass.getPackageName();
          return p.equals("dev.custodian") || p.startsWith("dev.custodian.")
              ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "every package of dev.custodian";
        }
      }).should().beFreeOfCycles();

  /** The same, with each package's sub-packages counted with it. */
  @ArchTest
  static final ArchRule topLevelPackagesAreFreeOfCycles =
      slices().matching("dev.custodian.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule layers =
      layeredArchitecture().consideringOnlyDependenciesInLayers()
          .layer("Ground floor").definedBy(GROUND_FLOOR)
          .layer("Ports").definedBy("dev.custodian.spi..")
          .layer("Evidence").definedBy("dev.custodian.evidence..")
          .layer("Internal").definedBy("dev.custodian.internal..")
          .layer("Stand-ins").definedBy("dev.custodian.memory..")
          .layer("Duties").definedBy(DUTIES)
          .layer("Facade").definedBy("dev.custodian")
          .whereLayer("Facade").mayNotBeAccessedByAnyLayer()
          .whereLayer("Duties").mayOnlyBeAccessedByLayers("Facade")
          .whereLayer("Stand-ins").mayOnlyBeAccessedByLayers("Facade")
          .whereLayer("Internal").mayOnlyBeAccessedByLayers("Duties", "Facade")
          .whereLayer("Evidence").mayOnlyBeAccessedByLayers("Stand-ins", "Duties", "Facade")
          .whereLayer("Ports")
              .mayOnlyBeAccessedByLayers("Internal", "Stand-ins", "Duties", "Facade")
          .because("docs/architecture.md: lower layers never depend on higher ones");

  /** The ground floor is what every duty shares, so it needs nothing else of the project. */
  @ArchTest
  static final ArchRule theGroundFloorStandsAlone =
      classes().that().resideInAnyPackage(GROUND_FLOOR)
          .should().onlyDependOnClassesThat(
              resideOutsideOfPackage("dev.custodian..").or(resideInAnyPackage(GROUND_FLOOR)));

  /** The in-memory stand-ins serve the facade's defaults and tests, never a duty. */
  @ArchTest
  static final ArchRule noDutyUsesTheStandIns =
      noClasses().that().resideInAnyPackage(DUTIES)
          .should().dependOnClassesThat().resideInAPackage("dev.custodian.memory..");

  /** Duties depend on one another only along the edges listed in {@link #DUTY_EDGES}. */
  @ArchTest
  static final ArchRule dutiesUseOneAnotherOnlyAlongTheStatedEdges =
      classes().that().resideInAnyPackage(DUTIES)
          .should(new ArchCondition<JavaClass>("use another duty only along a stated edge") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
              String from = duty(c.getPackageName());
              for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = duty(d.getTargetClass().getPackageName());
                if (to != null && !to.equals(from) && !DUTY_EDGES.contains(from + " -> " + to)) {
                  events.add(SimpleConditionEvent.violated(d,
                      from + " -> " + to + " is not a stated edge: " + d.getDescription()));
                }
              }
            }
          });

  /** The duty a package belongs to, or null if it is not a duty's. */
  private static String duty(String packageName) {
    for (String pattern : DUTIES) {
      String root = pattern.substring(0, pattern.length() - 2);
      if (packageName.equals(root) || packageName.startsWith(root + ".")) {
        return root.substring("dev.custodian.".length());
      }
    }
    return null;
  }
}
