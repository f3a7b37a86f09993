package io.promptwatch.persistence;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink retries a query whose connection failed, by default three times five seconds apart;
 * with the database down every request then hangs for ten seconds or more. Promptwatch fails at
 * once instead: the connection pool validates connections, and the ingest circuit breaker decides
 * when to try the database again.
 */
public class FailFast implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
            login.setDelayBetweenConnectionAttempts(0);
        }
    }
}
