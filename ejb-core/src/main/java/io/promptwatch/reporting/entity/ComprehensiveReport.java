package io.promptwatch.reporting.entity;

import java.time.Instant;
import java.util.List;

/**
 * All prompts over the last {@code days} whole UTC days, [from, to): an executive summary, the
 * best and the worst prompts by success rate (then quality) among those with enough records, the
 * versions deployed and rolled back, and cost by model and by prompt. Figures come from the rollups
 * through the metrics boundary ({@code /metrics/models} for the models); {@code null} where undefined,
 * with a warning.
 */
public record ComprehensiveReport(int days, Instant from, Instant to, Overview summary, List<PromptRow> topPerformers,
                                  List<PromptRow> underPerformers, List<VersionChange> versionChanges,
                                  List<CostRow> costByModel, List<CostRow> costByPrompt, List<String> warnings,
                                  Instant generatedAt) {

    /**
     * @param promptsWithRecords prompts that have at least one record in the period
     * @param rollbacks          rollbacks (automatic and manual) in the period
     */
    public record Overview(long executions, Double successRate, Double latencyAvgMs, Double latencyP95Ms,
                           Double userSatisfaction, Double costSum, int promptsWithRecords, long warningAlerts,
                           long criticalAlerts, long rollbacks) {
    }

    public record PromptRow(String promptId, long executions, Double successRate, Double qualityAvg, Double latencyP95Ms,
                            Double costSum) {
    }

    /** A registry event of the period that changed which version serves a prompt. */
    public record VersionChange(String promptId, String version, Change change, Instant at, String actor, String reason) {
    }

    public enum Change {
        /** The version was deployed (became active). */
        DEPLOYED,
        /** The version was rolled back (left service, deprecated). */
        ROLLED_BACK,
        /** The version became active again through a rollback. */
        REINSTATED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Cost of a model or a prompt, with its share of the period's total cost ({@code null} when the total is 0). */
    public record CostRow(String name, long executions, Double costSum, Double costAvg, Double share) {
    }
}
