package io.tandem.kernel.projection;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every projection the deployment has, by name. */
@ApplicationScoped
public class ProjectionCatalog {
    @Inject
    @Any
    Instance<Projection> discovered;

    private final Map<String, Projection> byName = new TreeMap<>();

    @PostConstruct
    void index() {
        discovered.forEach(p -> byName.put(p.name(), p));
    }

    public Optional<Projection> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<Projection> all() {
        return byName.values();
    }
}
