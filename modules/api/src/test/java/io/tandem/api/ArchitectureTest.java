package io.tandem.api;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.tandem.kernel.persistence.Rows;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries as rules. The api module sees every other module's classes (they are
 * provided dependencies), so the whole code base is checked here.
 *
 * <p>A rule about a package that does not exist, or about a dependency nobody could have, passes
 * for ever. So every rule comes with a check that what it names is real: its subjects exist
 * ({@code allowEmptyShould(false)} plus named classes), and the packages it forbids hold classes
 * or are depended on elsewhere, so the same rule aimed at those places would fail.
 */
class ArchitectureTest {
    private static final String KERNEL = "io.tandem.kernel..";
    private static final String TRACKER = "io.tandem.tracker..";
    private static final String TENANCY = "io.tandem.tenancy..";
    private static final String API = "io.tandem.api..";

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tandem");
    }

    @Test
    void importsTheClassesOfEveryModule() {
        assertThat(classes.contain("io.tandem.kernel.event.EventLog")).isTrue();
        assertThat(classes.contain("io.tandem.tracker.domain.Task")).isTrue();
        assertThat(classes.contain("io.tandem.tenancy.domain.ApiKey")).isTrue();
        assertThat(classes.contain("io.tandem.api.tracker.TaskResource")).isTrue();
        assertThat(classes.stream().map(JavaClass::getName)).noneMatch(name -> name.endsWith("Test"));
    }

    @Test
    void trackerDoesNotDependOnTenancy() {
        assertPackagesHoldClasses(TRACKER, TENANCY);
        check(noClasses().that().resideInAPackage(TRACKER).should().dependOnClassesThat().resideInAPackage(TENANCY));
        // The same rule aimed at a package that does use tenancy fails, so the target is named right.
        assertViolated(noClasses().that().resideInAPackage(API).should().dependOnClassesThat().resideInAPackage(TENANCY));
    }

    @Test
    void tenancyDoesNotDependOnTracker() {
        assertPackagesHoldClasses(TRACKER, TENANCY);
        check(noClasses().that().resideInAPackage(TENANCY).should().dependOnClassesThat().resideInAPackage(TRACKER));
        assertViolated(noClasses().that().resideInAPackage(API).should().dependOnClassesThat().resideInAPackage(TRACKER));
    }

    @Test
    void kernelDependsOnNoContextAndNotOnTheApi() {
        assertPackagesHoldClasses(KERNEL, TRACKER, TENANCY, API);
        check(noClasses().that().resideInAPackage(KERNEL)
                .should().dependOnClassesThat().resideInAnyPackage(TRACKER, TENANCY, API));
    }

    @Test
    void contextsDoNotDependOnTheApi() {
        assertPackagesHoldClasses(TRACKER, TENANCY, API);
        check(noClasses().that().resideInAnyPackage(TRACKER, TENANCY)
                .should().dependOnClassesThat().resideInAPackage(API));
    }

    @Test
    void domainClassesKnowNothingOfTransportsContainersOrPublication() {
        String[] forbidden = {"jakarta.ws.rs..", "jakarta.jms..", "jakarta.ejb..", "io.tandem.kernel.publication.."};
        assertThat(classes.contain("io.tandem.tracker.domain.Task")).isTrue();
        assertThat(classes.contain("io.tandem.tenancy.domain.ApiKey")).isTrue();

        check(noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden));
        // Each forbidden package is really used outside the domain, so a domain class using it would be caught.
        for (String pkg : forbidden) {
            assertViolated(noClasses().that().resideInAnyPackage(API, TRACKER, TENANCY, KERNEL)
                    .and().resideOutsideOfPackage(pkg)
                    .should().dependOnClassesThat().resideInAPackage(pkg));
        }
    }

    @Test
    void jaxRsResourcesLiveInTheApiAndAreNamedResource() {
        assertThat(classes.get("io.tandem.api.tracker.TaskResource").isAnnotatedWith(Path.class)).isTrue();
        check(classes().that().areAnnotatedWith(Path.class)
                .should().resideInAPackage(API)
                .andShould().haveSimpleNameEndingWith("Resource"));
        check(classes().that().haveSimpleNameEndingWith("Resource")
                .should().beAnnotatedWith(Path.class));
    }

    @Test
    void handlersLiveInCommandOrReadModelPackages() {
        assertThat(classes.contain("io.tandem.tracker.command.MoveTaskHandler")).isTrue();
        assertThat(classes.contain("io.tandem.tracker.readmodel.FetchBoardHandler")).isTrue();
        assertThat(classes.contain("io.tandem.tenancy.command.SignUpTenantHandler")).isTrue();
        check(classes().that().haveSimpleNameEndingWith("Handler")
                .should().resideInAnyPackage("..command..", "..readmodel.."));
    }

    @Test
    void messageDrivenBeansAreReadModelProjectors() {
        assertThat(classes.get("io.tandem.tracker.readmodel.TaskBoardProjector").isAnnotatedWith(MessageDriven.class))
                .isTrue();
        check(classes().that().areAnnotatedWith(MessageDriven.class)
                .should().haveSimpleNameEndingWith("Projector")
                .andShould().resideInAPackage("..readmodel.."));
    }

    /**
     * Projector MDBs receive outside a container transaction: an XA transaction there would cover only
     * the acknowledgement and cost each delivery three blocking round trips to the broker
     * (ProjectionDelivery). A new projector copied without the attribute would bring them back.
     */
    @Test
    void projectorsReceiveOutsideAContainerTransaction() {
        var projectors = classes.stream().filter(c -> c.isAnnotatedWith(MessageDriven.class)).toList();
        assertThat(projectors).extracting(JavaClass::getSimpleName).contains("TaskBoardProjector", "AuditLogProjector");
        for (JavaClass projector : projectors) {
            assertThat(projector.tryGetAnnotationOfType(TransactionAttribute.class))
                    .as(projector.getName())
                    .hasValueSatisfying(a -> assertThat(a.value()).isEqualTo(TransactionAttributeType.NOT_SUPPORTED));
        }
    }

    @Test
    void apiUsesAContextOnlyThroughItsContractQueryHandlersAndCredentials() {
        DescribedPredicate<JavaClass> queryHandler = resideInAPackage("..readmodel..")
                .and(simpleNameStartingWith("Fetch"))
                .and(simpleNameEndingWith("Handler"));
        DescribedPredicate<JavaClass> published = resideInAnyPackage("..contract..", "..credentials..").or(queryHandler);
        DescribedPredicate<JavaClass> contextInternals = resideInAnyPackage(TRACKER, TENANCY)
                .and(not(published))
                .as("context classes outside contract, credentials and Fetch*Handler query handlers");

        check(noClasses().that().resideInAPackage(API).should().dependOnClassesThat(contextInternals));

        // There are internals to hide (aggregates, command handlers, read-model rows and projectors) ...
        assertThat(classes.stream().filter(contextInternals))
                .extracting(JavaClass::getName)
                .contains("io.tandem.tracker.domain.Task", "io.tandem.tenancy.domain.ApiKey",
                        "io.tandem.tracker.command.MoveTaskHandler", "io.tandem.tracker.readmodel.TaskBoardRow",
                        "io.tandem.tracker.readmodel.TaskBoardProjector");
        // ... and what the api may use is what it does use.
        assertThat(classes.stream().filter(published.and(resideInAnyPackage(TRACKER, TENANCY))))
                .extracting(JavaClass::getName)
                .contains("io.tandem.tracker.contract.MoveTask", "io.tandem.tracker.readmodel.FetchBoardHandler",
                        "io.tandem.tenancy.credentials.ApiKeyAuthenticator");
    }

    @Test
    void apiDoesNotReachIntoContextDomainOrCommandPackages() {
        String[] internals = {
            "io.tandem.tracker.domain..", "io.tandem.tracker.command..",
            "io.tandem.tenancy.domain..", "io.tandem.tenancy.command.."
        };
        assertPackagesHoldClasses(internals);
        check(noClasses().that().resideInAPackage(API).should().dependOnClassesThat().resideInAnyPackage(internals));
        // The command handlers themselves do use the domain: the targets are named right.
        assertViolated(noClasses().that().resideInAnyPackage("io.tandem.tracker.command..", "io.tandem.tenancy.command..")
                .should().dependOnClassesThat().resideInAnyPackage(internals[0], internals[2]));
    }

    @Test
    void entitiesAreLoadedByIdOnlyThroughRows() {
        // EntityManager.find answers null, "not found", for a read that failed in a transaction
        // marked for rollback (io.tandem.kernel.persistence.Rows says why).
        DescribedPredicate<JavaCall<?>> entityManagerFind =
                target(owner(assignableTo(EntityManager.class))).and(target(name("find")));
        check(noClasses().that().doNotHaveFullyQualifiedName(Rows.class.getName())
                .should().callMethodWhere(entityManagerFind));
        JavaClasses findingDirectly = new ClassFileImporter().importClasses(FindsDirectly.class);
        assertThat(noClasses().should().callMethodWhere(entityManagerFind).evaluate(findingDirectly).hasViolation())
                .as("the rule recognises a direct EntityManager.find")
                .isTrue();
    }

    /** What the rule above forbids, for the check that it would notice. */
    static final class FindsDirectly {
        Object load(EntityManager em, Object id) {
            return em.find(Object.class, id);
        }
    }

    @Test
    void noGrabBagPackages() {
        check(noClasses().should().resideInAnyPackage("..util..", "..utils..", "..common..", "..helpers.."));
        Set<String> segments = classes.stream()
                .flatMap(c -> Arrays.stream(c.getPackageName().split("\\.")))
                .collect(Collectors.toSet());
        assertThat(segments).contains("tandem", "domain", "readmodel").doesNotContain("util", "utils", "common", "helpers");
    }

    private static void check(ArchRule rule) {
        rule.allowEmptyShould(false).check(classes);
    }

    private static void assertViolated(ArchRule rule) {
        assertThat(rule.allowEmptyShould(false).evaluate(classes).hasViolation())
                .as("expected a violation of: %s", rule.getDescription())
                .isTrue();
    }

    private static void assertPackagesHoldClasses(String... packageIdentifiers) {
        for (String identifier : packageIdentifiers) {
            PackageMatcher matcher = PackageMatcher.of(identifier);
            assertThat(classes.stream().anyMatch(c -> matcher.matches(c.getPackageName())))
                    .as("some class resides in %s", identifier)
                    .isTrue();
        }
    }
}
