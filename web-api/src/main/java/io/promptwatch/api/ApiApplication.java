package io.promptwatch.api;

import io.promptwatch.security.entity.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

@ApplicationPath("/v1")
@DeclareRoles({Role.INGEST_NAME, Role.VIEWER_NAME, Role.OPERATOR_NAME, Role.ADMIN_NAME})
@OpenAPIDefinition(
        info = @Info(title = "Promptwatch API", version = "1",
                description = "Prompt registry, execution ingest and analytics. Every endpoint needs "
                        + "'Authorization: Bearer <key>'; errors are application/problem+json."),
        security = @SecurityRequirement(name = "apiKey"),
        components = @Components(securitySchemes = @SecurityScheme(securitySchemeName = "apiKey",
                type = SecuritySchemeType.HTTP, scheme = "bearer")))
public class ApiApplication extends Application {
}
