package io.tandem.api.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(
                title = "Tandem API",
                version = "0.1.0",
                description = "Multi-tenant work management. Writes are commands: each returns the event log position it"
                        + " produced in the Tandem-Position header. Reads come from read models that follow the event"
                        + " log within milliseconds. Errors are RFC 9457 problems (application/problem+json)."),
        security = {@SecurityRequirement(name = "apiKey"), @SecurityRequirement(name = "jwt")},
        tags = {
            @Tag(name = "tenancy", description = "Tenants and their credentials"),
            @Tag(name = "tracker", description = "Projects, tasks and boards")
        })
@SecurityScheme(
        securitySchemeName = "apiKey",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "tdm_<prefix>_<secret>",
        description = "An API key issued at sign-up, sent as Authorization: Bearer <key>")
@SecurityScheme(
        securitySchemeName = "jwt",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT",
        description = "An RS256 token of the identity provider the server trusts (MP_JWT_VERIFY_*), whose claims"
                + " tandem_tenant and tandem_role name the tenant and the role; sent as Authorization: Bearer <token>")
public class TandemApplication extends Application {}
