package io.promptwatch.security.boundary;

import io.promptwatch.security.entity.Role;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure somebody can administer a new server. With {@code promptwatch.admin.key} set, a key
 * with that secret exists; without it, the first start generates an admin key and prints it once.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class AdminKeyBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminKeyBootstrap.class.getName());

    @EJB
    ApiKeys keys;

    @Inject
    @ConfigProperty(name = "promptwatch.admin.key")
    Optional<String> configuredKey;

    @PostConstruct
    void bootstrap() {
        Optional<String> secret = configuredKey.map(String::trim).filter(s -> !s.isEmpty());
        if (secret.isPresent()) {
            if (secret.get().length() < 16) {
                throw new IllegalStateException("promptwatch.admin.key must be at least 16 characters long");
            }
            keys.ensure("bootstrap-admin", secret.get(), EnumSet.of(Role.ADMIN));
            LOG.info("Admin key from promptwatch.admin.key is in place");
        } else if (!keys.anyActiveAdmin()) {
            String generated = keys.issue("bootstrap-admin", List.of(Role.ADMIN_NAME), "bootstrap").secret();
            LOG.warning("\n==================================================================\n"
                    + "  Promptwatch generated the first admin API key. It is shown only\n"
                    + "  this once and stored only as a hash:\n\n"
                    + "    " + generated + "\n\n"
                    + "  Use it as: Authorization: Bearer <key>\n"
                    + "==================================================================");
        }
    }
}
