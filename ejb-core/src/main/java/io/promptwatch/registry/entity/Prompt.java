package io.promptwatch.registry.entity;

import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.problem.TextLength;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A prompt under management: a stable slug id and at most one active version. The prompt is the
 * aggregate its versions' lifecycle hangs on: only it makes a version active, so "one active
 * version, the one {@code activeVersion} names" holds by construction; the caller loads the
 * versions a move needs and writes the audit trail.
 */
@Entity
@Table(name = "prompt")
@NamedQuery(name = Prompt.ALL, query = "SELECT p FROM Prompt p ORDER BY p.id")
public class Prompt {

    public static final String ALL = "Prompt.all";

    @Id
    private String id;
    private String name;
    private String description;
    @Enumerated(EnumType.STRING)
    @Column(name = "privacy_mode")
    private PrivacyMode privacyMode;
    @Column(name = "active_version")
    private String activeVersion;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "prompt_tag", joinColumns = @JoinColumn(name = "prompt_id"))
    @Column(name = "tag")
    private Set<String> tags = new TreeSet<>();

    protected Prompt() {
    }

    public Prompt(String id, String name, String description, Set<String> tags, PrivacyMode privacyMode, String createdBy) {
        this.id = PromptSlug.require("id", id);
        this.name = TextLength.atMost("name", name, 200);
        this.description = TextLength.atMost("description", description, 4000);
        tags.forEach(tag -> TextLength.atMost("tags", tag, 64));
        this.tags = new TreeSet<>(tags);
        this.privacyMode = privacyMode;
        this.createdBy = createdBy;
        this.createdAt = StorableInstants.now();
    }

    /** This prompt's stored versions by number, as the caller loads them. */
    @FunctionalInterface
    public interface Versions {
        Optional<PromptVersion> find(String version);
    }

    /** What a deploy changed: the deployed version and the state it left, and the version it replaced, if any. */
    public record Deployment(PromptVersion deployed, VersionStatus deployedFrom, PromptVersion retired) {
    }

    /** What a rollback changed: the reverted version (now deprecated) and the reinstated one with the state it left. */
    public record Rollback(PromptVersion reverted, PromptVersion reinstated, VersionStatus reinstatedFrom) {
    }

    /**
     * Makes the staged {@code target} the active version. The rollback reference is {@code rollbackTo}
     * when given, the version active until now otherwise; that version leaves service as staged, or
     * as deprecated with {@code deprecatePrevious}. Every check comes before any change, so a refusal
     * leaves the prompt and its versions as they were.
     */
    public Deployment deploy(PromptVersion target, Versions versions, String by, String rollbackTo, boolean deprecatePrevious) {
        requireOwn(target);
        target.requireAllowed(VersionStatus.Move.DEPLOY);
        String reference = activeVersion;
        if (rollbackTo != null) {
            if (rollbackTo.equals(target.version())) {
                throw ProblemException.invalid("rollbackTo", "a version cannot be its own rollback reference");
            }
            if (versions.find(rollbackTo).isEmpty()) {
                throw ProblemException.unprocessable("rollbackTo", "prompt " + id + " has no version '" + rollbackTo + "'");
            }
            reference = rollbackTo;
        }
        PromptVersion previous = activeVersion == null ? null : stored(versions, activeVersion);
        if (previous != null) {
            previous.retire(deprecatePrevious);
        }
        VersionStatus from = target.deploy(by, reference);
        activeVersion = target.version();
        return new Deployment(target, from, previous);
    }

    /**
     * Reverts to the active version's rollback reference, which may be staged or deprecated; the
     * reverted version is deprecated. The reinstated version keeps its own rollback reference.
     */
    public Rollback rollback(Versions versions, String by) {
        if (activeVersion == null) {
            throw ProblemException.conflict(null, "prompt " + id + " has no active version to roll back");
        }
        PromptVersion current = stored(versions, activeVersion);
        if (current.rollbackTo() == null) {
            throw ProblemException.conflict(null, "active version " + current.version() + " of " + id
                    + " has no rollback reference; deploy a version instead");
        }
        PromptVersion target = versions.find(current.rollbackTo()).orElseThrow(() -> ProblemException.conflict(null,
                "rollback reference " + current.rollbackTo() + " no longer exists"));
        requireOwn(target);
        current.retire(true);
        VersionStatus from = target.reinstate(by);
        activeVersion = target.version();
        return new Rollback(current, target, from);
    }

    private void requireOwn(PromptVersion version) {
        if (!id.equals(version.promptId())) {
            throw new IllegalArgumentException("version " + version.version() + " belongs to " + version.promptId() + ", not " + id);
        }
    }

    /** A version this prompt names itself: its absence is a broken store, not the caller's mistake. */
    private PromptVersion stored(Versions versions, String version) {
        PromptVersion found = versions.find(version).orElseThrow(() -> new IllegalStateException(
                "prompt " + id + " names version " + version + ", which is not stored"));
        requireOwn(found);
        return found;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Set<String> tags() {
        return Collections.unmodifiableSet(tags);
    }

    /** The prompt's own privacy mode, or {@code null} to follow the server's setting. */
    public PrivacyMode privacyMode() {
        return privacyMode;
    }

    public String activeVersion() {
        return activeVersion;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }
}
