package io.tandem.api.http;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.tandem.tenancy.contract.Actor;
import io.tandem.tenancy.contract.Role;
import io.tandem.tenancy.credentials.ApiKeyAuthenticator;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer JWTs from an enterprise identity provider, verified by SmallRye JWT with the standard
 * MicroProfile JWT settings (environment variables in brackets):
 * {@code mp.jwt.verify.publickey.location} [MP_JWT_VERIFY_PUBLICKEY_LOCATION] or
 * {@code mp.jwt.verify.publickey} [MP_JWT_VERIFY_PUBLICKEY], {@code mp.jwt.verify.issuer}
 * [MP_JWT_VERIFY_ISSUER] and {@code mp.jwt.verify.audiences} [MP_JWT_VERIFY_AUDIENCES]; all are
 * required, and without them no JWT is accepted. Only RS256 is accepted, so neither {@code alg:
 * none} nor an HMAC signature made with the public key can pass. The tenant and the role come from
 * the claims named by {@code tandem.jwt.tenant-claim} and {@code tandem.jwt.role-claim}.
 */
@ApplicationScoped
public class JwtCredentials {
    private static final Logger LOG = Logger.getLogger(JwtCredentials.class.getName());

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> keyLocation;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> keyContent;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    Optional<String> audiences;

    @Inject
    @ConfigProperty(name = "tandem.jwt.tenant-claim", defaultValue = "tandem_tenant")
    String tenantClaim;

    @Inject
    @ConfigProperty(name = "tandem.jwt.role-claim", defaultValue = "tandem_role")
    String roleClaim;

    /** Tolerated clock difference with the identity provider on exp, in seconds. */
    @Inject
    @ConfigProperty(name = "tandem.jwt.clock-skew-seconds", defaultValue = "30")
    int clockSkew;

    @Inject
    ApiKeyAuthenticator tenants;

    private JWTParser parser;

    @PostConstruct
    void configure() {
        boolean hasKey = keyLocation.filter(s -> !s.isBlank()).isPresent() || keyContent.filter(s -> !s.isBlank()).isPresent();
        if (!hasKey || issuer.filter(s -> !s.isBlank()).isEmpty() || audiences.filter(s -> !s.isBlank()).isEmpty()) {
            LOG.info("JWT authentication is off: set the identity provider's public key, issuer and audience to enable it");
            return;
        }
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        keyLocation.filter(s -> !s.isBlank()).ifPresent(info::setPublicKeyLocation);
        keyContent.filter(s -> !s.isBlank()).ifPresent(info::setPublicKeyContent);
        info.setIssuedBy(issuer.get().trim());
        info.setExpectedAudience(Arrays.stream(audiences.get().split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet()));
        info.setSignatureAlgorithm(SignatureAlgorithm.RS256);
        info.setExpGracePeriodSecs(clockSkew);
        info.setRequiredClaims(Set.of("sub", "exp", "iat", tenantClaim, roleClaim));
        parser = new DefaultJWTParser(info);
        LOG.info(() -> "JWT authentication is on for issuer " + issuer.get().trim());
    }

    /** The actor a valid token stands for; empty for any token that fails any check. */
    public Optional<Actor> verify(String token) {
        if (parser == null || token.length() > 16_384) {
            return Optional.empty();
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException | RuntimeException e) {
            LOG.log(Level.FINE, "JWT refused", e);
            return Optional.empty();
        }
        if (jwt.getClaim("nbf") instanceof Number nbf && nbf.longValue() > System.currentTimeMillis() / 1000 + clockSkew) {
            return Optional.empty();
        }
        Optional<UUID> tenant = claim(jwt, tenantClaim).flatMap(JwtCredentials::uuid);
        Optional<Role> role = claim(jwt, roleClaim).flatMap(Role::fromWire);
        if (tenant.isEmpty() || role.isEmpty() || jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            return Optional.empty();
        }
        return tenants.authenticateJwt(tenant.get(), jwt.getSubject(), role.get());
    }

    private static Optional<String> claim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value instanceof jakarta.json.JsonString s) {
            return Optional.of(s.getString());
        }
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static Optional<UUID> uuid(String s) {
        try {
            UUID u = UUID.fromString(s);
            return u.toString().equals(s.toLowerCase(java.util.Locale.ROOT)) ? Optional.of(u) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
