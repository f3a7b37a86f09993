package io.promptwatch.api.security;

import static io.promptwatch.security.entity.RequestClass.ANALYSIS;
import static io.promptwatch.security.entity.RequestClass.INGEST;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request classes as the issue defines them: ingest is POST /executions[/batch], analysis all of /analysis. */
class RateLimitFeatureTest {

    @Test
    void ingestIsWritingRecords() {
        assertEquals(Optional.of(INGEST), RateLimitFeature.classify("POST", "executions/"));
        assertEquals(Optional.of(INGEST), RateLimitFeature.classify("POST", "/executions/batch"));
        assertEquals(Optional.empty(), RateLimitFeature.classify("GET", "executions/"));
        assertEquals(Optional.empty(), RateLimitFeature.classify("PUT", "executions/{executionId}/feedback"));
        assertEquals(Optional.empty(), RateLimitFeature.classify("GET", "executions/{executionId}"));
    }

    @Test
    void analysisIsEveryAnalysisEndpoint() {
        assertEquals(Optional.of(ANALYSIS), RateLimitFeature.classify("POST", "analysis/compare"));
        assertEquals(Optional.of(ANALYSIS), RateLimitFeature.classify("GET", "analysis/matrix"));
        assertEquals(Optional.empty(), RateLimitFeature.classify("GET", "analysisx/matrix"));
        assertEquals(Optional.empty(), RateLimitFeature.classify("POST", "keys/"));
        assertEquals(Optional.empty(), RateLimitFeature.classify("GET", "metrics/"));
    }
}
