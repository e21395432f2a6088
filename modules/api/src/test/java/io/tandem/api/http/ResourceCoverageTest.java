package io.tandem.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every operation is classified in the role matrix, and the OpenAPI filter that publishes the
 * matrix ({@code x-tandem-roles}) knows every resource. A new endpoint without {@link Allowed} or
 * {@link Anonymous} fails here, before the authorization filter would refuse it at run time.
 */
class ResourceCoverageTest {
    private static final List<Class<? extends Annotation>> HTTP_METHODS =
            List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class);

    private static Set<Class<?>> resources() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tandem.api").stream()
                .filter(c -> c.isAnnotatedWith(Path.class))
                .map(JavaClass::reflect)
                .collect(Collectors.toSet());
    }

    @Test
    void everyResourceMethodNamesItsPermissionOrIsAnonymous() {
        Set<Class<?>> resources = resources();
        assertThat(resources).hasSizeGreaterThanOrEqualTo(10);
        List<String> unclassified = new ArrayList<>();
        List<String> both = new ArrayList<>();
        int operations = 0;
        for (Class<?> resource : resources) {
            for (Method m : resource.getDeclaredMethods()) {
                if (HTTP_METHODS.stream().noneMatch(m::isAnnotationPresent)) {
                    continue;
                }
                operations++;
                boolean allowed = m.isAnnotationPresent(Allowed.class);
                boolean anonymous = m.isAnnotationPresent(Anonymous.class);
                if (!allowed && !anonymous) {
                    unclassified.add(resource.getSimpleName() + "." + m.getName());
                }
                if (allowed && anonymous) {
                    both.add(resource.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(25);
        assertThat(unclassified).as("resource methods without @Allowed or @Anonymous").isEmpty();
        assertThat(both).as("resource methods both @Allowed and @Anonymous").isEmpty();
    }

    @Test
    void theOpenApiFilterKnowsEveryResource() {
        assertThat(Set.copyOf(HeaderDocumentation.RESOURCES)).isEqualTo(resources());
    }

    @Test
    void onlySignUpAndAcceptingAnInvitationAreAnonymous() {
        List<String> anonymous = new ArrayList<>();
        for (Class<?> resource : resources()) {
            for (Method m : resource.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Anonymous.class)) {
                    anonymous.add(resource.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertThat(anonymous).containsExactlyInAnyOrder("TenantResource.signUp", "InvitationResource.accept");
    }
}
