package io.promptwatch.registry.entity;

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
import java.util.Set;
import java.util.TreeSet;

/** A prompt under management: a stable slug id and at most one active version. */
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
        this.name = name;
        this.description = description;
        this.tags = new TreeSet<>(tags);
        this.privacyMode = privacyMode;
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
    }

    void activate(String version) {
        this.activeVersion = version;
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
