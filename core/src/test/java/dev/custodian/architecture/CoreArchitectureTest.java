package dev.custodian.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.custodian.instruction.InstructionService;
import dev.custodian.terms.ResponseAuthorization;
import dev.custodian.spi.AuthorityResponse;
import dev.custodian.spi.Responder;
import dev.custodian.spi.SubjectResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;

/** The seams of the architecture, checked on core's main classes. */
@AnalyzeClasses(packages = "dev.custodian", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

  /** Core needs no framework: the JDK, Jakarta Validation's API, SLF4J, Jackson and libphonenumber only. */
  @ArchTest
  static final ArchRule coreDependsOnlyOnTheJdkValidationSlf4jAndJackson =
      classes().that().resideInAPackage("dev.custodian..")
          .should().onlyDependOnClassesThat().resideInAnyPackage(
              "dev.custodian..", "java..", "javax.crypto..", "jakarta.validation..",
              "org.slf4j..", "com.fasterxml.jackson..", "com.google.i18n.phonenumbers..")
          .because("core is embeddable anywhere (ARCHITECTURE.md: no framework, no SQL)");

  /** R-DSR-3, R-AUTH-2, R-AUTH-3: there is no second path to a subject or an authority. */
  @ArchTest
  static final ArchRule onlyTheGatesCallTheResponder =
      noClasses().that().doNotHaveSimpleName("SubjectResponseGate")
          .and().doNotHaveSimpleName("AuthorityResponseGate")
          .should().callMethodWhere(target(owner(assignableTo(Responder.class))))
          .because("answers go out only through the response gates (R-DSR-3)");

  /** The gates cannot be reached from outside their duty's package. */
  @ArchTest
  static final ArchRule theGatesAreNotPublic =
      classes().that().haveSimpleNameEndingWith("ResponseGate")
          .should().notBePublic()
          .andShould().haveOnlyFinalFields();

  /** Only the verifier can mint the proofs a response needs. */
  @ArchTest
  static final ArchRule onlyTheVerifierMintsProofs =
      constructors().that().areDeclaredInClassesThat().implement(ResponseAuthorization.class)
          .should().notBePublic()
          .andShould().onlyBeCalled().byClassesThat().belongToAnyOf(InstructionService.class);

  /** No public method takes a finished response, apart from the host's responder itself. */
  @ArchTest
  static final ArchRule noPublicMethodTakesAResponse =
      methods().that().arePublic()
          .and().areDeclaredInClassesThat(describe("are not responses or responders",
              (JavaClass c) -> !c.isAssignableTo(Responder.class)
                  && !c.isEquivalentTo(SubjectResponse.class)
                  && !c.isEquivalentTo(AuthorityResponse.class)))
          .should().haveRawParameterTypes(describe("no response among them",
              (List<JavaClass> types) -> types.stream().noneMatch(t ->
                  t.isEquivalentTo(SubjectResponse.class)
                      || t.isEquivalentTo(AuthorityResponse.class))));

  /** Time comes from the injected clock only (house style). */
  @ArchTest
  static final ArchRule dutiesReadTimeFromTheInjectedClock =
      noClasses().that().resideInAnyPackage("..dsr..", "..instruction..", "..authority..")
          .should().callMethod(Instant.class, "now")
          .orShould().callMethod(LocalDate.class, "now")
          .orShould().callMethod(LocalDateTime.class, "now")
          .orShould().callMethod(ZonedDateTime.class, "now")
          .orShould().callMethod(Clock.class, "systemUTC")
          .orShould().callMethod(Clock.class, "systemDefaultZone");
}
