package io.tandem.api.queries;

import io.tandem.api.http.Caller;
import io.tandem.api.http.JsonbResolver;
import io.tandem.api.http.ReadsFrom;
import io.tandem.kernel.projection.ReadModelVersions;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Conditional GETs and the query cache, for every query ({@link ReadsFrom}).
 *
 * <p>Runs after authentication, authorization and the {@code Tandem-Min-Position} wait, so what it
 * answers has passed the same checks and is at least as new as the client asked. An answer's ETag
 * is the read-model version it was read at (a task's or project's own version where the resource
 * sets one, which If-Match also takes). With {@code If-None-Match} naming the current version, the
 * answer is 304 without running the query; a cached answer of the current version is sent without
 * running it either. {@code Cache-Control: no-cache} on the request skips the cache (the fresh
 * answer still replaces the cached one). Responses say {@code Cache-Control: private, no-cache}:
 * tenant data, to be revalidated by the client every time.
 */
@Priority(Priorities.USER + 100)
@jakarta.ws.rs.ext.Provider
public class ConditionalQueryFilter implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String CACHE_CONTROL = "private, no-cache";
    private static final String QUERY = ConditionalQueryFilter.class.getName() + ".query";

    @Context
    ResourceInfo resource;

    @Inject
    Caller caller;

    @Inject
    ReadModelVersions versions;

    @Inject
    QueryCache cache;

    /** What the request filter learnt, for the response filter. */
    private record Query(String key, List<String> projections, UUID tenant, Optional<String> version, String label,
                         String ifNoneMatch, boolean answered, boolean oneRow) {}

    @Override
    public void filter(ContainerRequestContext request) {
        if (!HttpMethod.GET.equals(request.getMethod()) || resource.getResourceMethod() == null) {
            return;
        }
        ReadsFrom reads = resource.getResourceMethod().getAnnotation(ReadsFrom.class);
        if (reads == null) {
            return;
        }
        UUID tenant = reads.allTenants() ? null : caller.tenantId();
        List<String> projections = List.of(reads.value());
        var uri = request.getUriInfo().getRequestUri();
        String key = tenant + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Optional<String> version = versions.stamp(projections, tenant);
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        boolean bypass = noCache(request.getHeaderString(HttpHeaders.CACHE_CONTROL))
                || noCache(request.getHeaderString("Pragma"));

        Optional<QueryCache.Answer> cached = version.flatMap(v -> cache.find(key, v, reads.oneRow()));
        // Without a cached answer, * cannot be confirmed here: the query may find nothing (404).
        String currentTag = cached.map(QueryCache.Answer::etag).orElse(version.map(v -> tag(v, key)).orElse(null));
        if (ifNoneMatch != null && currentTag != null && matches(ifNoneMatch, currentTag, cached.isPresent())) {
            cache.notModified();
            request.setProperty(QUERY, new Query(key, projections, tenant, version, null, ifNoneMatch, true, reads.oneRow()));
            request.abortWith(Response.notModified(EntityTag.valueOf(currentTag)).build());
            return;
        }
        if (cached.isPresent() && !bypass) {
            cache.hit();
            request.setProperty(QUERY, new Query(key, projections, tenant, version, null, ifNoneMatch, true, reads.oneRow()));
            request.abortWith(Response.ok(cached.get().body(), MediaType.APPLICATION_JSON_TYPE)
                    .tag(EntityTag.valueOf(cached.get().etag()))
                    .build());
            return;
        }
        if (bypass) {
            cache.bypassed();
        } else {
            cache.miss();
        }
        request.setProperty(QUERY, new Query(key, projections, tenant, version, versions.label(projections, tenant),
                ifNoneMatch, false, reads.oneRow()));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(QUERY) instanceof Query query)) {
            return;
        }
        int status = response.getStatus();
        if (status == 200 || status == 304) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
            response.getHeaders().putSingle(HttpHeaders.VARY, "Authorization");
        }
        if (query.answered() || status != 200 || response.getEntity() == null) {
            return;
        }
        EntityTag own = response.getEntityTag();
        String etag = own != null ? quoted(own.getValue()) : tag(query.label(), query.key());
        if (own == null) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, EntityTag.valueOf(etag));
        }
        if (query.ifNoneMatch() != null && matches(query.ifNoneMatch(), etag, true)) {
            cache.notModified();
            response.setStatus(304);
            response.setEntity(null);
            return;
        }
        // Kept only if nothing changed the read model while the query ran: then the answer is
        // exactly the state its version names.
        if (query.version().isPresent() && query.version().equals(versions.stamp(query.projections(), query.tenant()))) {
            byte[] body = JsonbResolver.shared().toJson(response.getEntity()).getBytes(StandardCharsets.UTF_8);
            cache.keep(query.key(), new QueryCache.Answer(query.version().get(), etag, body), query.oneRow());
            response.setEntity(body, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
        }
    }

    static String quoted(String value) {
        return "\"" + value + "\"";
    }

    /**
     * The ETag of a query's answer at a read-model version. The version is the same for every
     * query of the tenant on those read models, so the request's own key is mixed in: a tag is
     * only ever confirmed for the URI it came from.
     */
    static String tag(String version, String key) {
        return quoted(version + "-" + Integer.toHexString(key.hashCode()));
    }

    /**
     * If-None-Match uses the weak comparison: W/ prefixes are ignored; * matches when an answer
     * is known to exist.
     */
    static boolean matches(String ifNoneMatch, String quotedTag, boolean exists) {
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.trim();
            if (t.equals("*")) {
                if (exists) {
                    return true;
                }
                continue;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(quotedTag)) {
                return true;
            }
        }
        return false;
    }

    static boolean noCache(String header) {
        if (header == null) {
            return false;
        }
        for (String directive : header.split(",")) {
            if (directive.trim().equalsIgnoreCase("no-cache")) {
                return true;
            }
        }
        return false;
    }
}
