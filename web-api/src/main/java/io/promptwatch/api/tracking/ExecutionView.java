package io.promptwatch.api.tracking;

import io.promptwatch.api.JsonBodies;
import io.promptwatch.tracking.entity.Execution;
import jakarta.json.JsonValue;
import java.time.Instant;

/** A stored execution as answered: what the privacy mode let the server keep, nothing more. */
public record ExecutionView(String executionId, String promptId, String version, String templateId, String model,
                            Instant timestamp, Double latencyMs, Integer inputTokens, Integer outputTokens,
                            Integer totalTokens, Double cost, boolean success, String errorType, String errorMessage,
                            Integer userFeedback, String feedbackComment, Instant feedbackAt, Double qualityScore,
                            Double discriminationScore, Double behavioralScore, String difficulty, String domain,
                            Double temperature, String conditionalPath, String userId, String sessionId,
                            JsonValue tags, JsonValue metadata, String privacyMode, String inputHash, String outputHash,
                            String input, String output, Instant receivedAt) {

    static ExecutionView of(Execution e) {
        return new ExecutionView(e.executionId(), e.promptId(), e.version(), e.templateId(), e.model(), e.timestamp(),
                e.latencyMs(), e.inputTokens(), e.outputTokens(), e.totalTokens(), e.cost(), e.success(), e.errorType(),
                e.errorMessage(), e.userFeedback(), e.feedbackComment(), e.feedbackAt(), e.qualityScore(),
                e.discriminationScore(), e.behavioralScore(), e.difficulty(), e.domain(), e.temperature(),
                e.conditionalPath(), e.userId(), e.sessionId(), JsonBodies.parse(e.tags()), JsonBodies.parse(e.metadata()),
                e.privacyMode().label(), e.inputHash(), e.outputHash(), e.inputText(), e.outputText(), e.receivedAt());
    }
}
