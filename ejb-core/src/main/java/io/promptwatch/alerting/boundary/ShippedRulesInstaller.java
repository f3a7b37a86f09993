package io.promptwatch.alerting.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives a fresh install the alert rules of SPEC §4 at deployment, once the schema is in place, so
 * that a server watches its versions from the first record on without anyone writing rules first.
 * {@link AlertRules#shipDefaults()} adds them only while there are no rules at all, so edits and
 * deletions survive a restart; only deleting every rule brings them back, which
 * {@code promptwatch.alerting.ship-default-rules=false} prevents (a server then starts without rules).
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class ShippedRulesInstaller {

    @EJB
    AlertRules rules;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.ship-default-rules")
    boolean shipDefaultRules;

    @PostConstruct
    void install() {
        if (shipDefaultRules) {
            rules.shipDefaults();
        }
    }
}
