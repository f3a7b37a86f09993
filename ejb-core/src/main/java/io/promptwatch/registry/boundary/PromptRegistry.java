package io.promptwatch.registry.boundary;

import io.promptwatch.cache.CacheGenerations;
import io.promptwatch.persistence.AfterCompletion;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.control.RegistryCache;
import io.promptwatch.registry.entity.AlertThresholds;
import io.promptwatch.registry.entity.Prompt;
import io.promptwatch.registry.entity.PromptSnapshot;
import io.promptwatch.registry.entity.PromptVersion;
import io.promptwatch.registry.entity.RegistryEvent.Action;
import io.promptwatch.registry.entity.RegistryEvent;
import io.promptwatch.registry.entity.SemanticVersion;
import io.promptwatch.registry.entity.VersionStatus.Move;
import io.promptwatch.registry.entity.VersionStatus;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry's operations: prompts, versions and their lifecycle. Every change writes an audit
 * event in the same transaction; moves on one prompt are serialised by a lock on its row.
 */
@Stateless
public class PromptRegistry {

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    @EJB
    CacheGenerations generations;

    @Inject
    RegistryCache cache;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public Prompt createPrompt(NewPrompt request, String actor) {
        if (request.name() == null || request.name().isBlank()) {
            throw ProblemException.invalid("name", "name is required");
        }
        Prompt prompt = new Prompt(request.id(), request.name(), request.description(),
                request.tags() == null ? Set.of() : request.tags(), request.privacyMode(), actor);
        if (em.find(Prompt.class, prompt.id()) != null) {
            throw ProblemException.conflict("id", "a prompt with id '" + prompt.id() + "' already exists");
        }
        em.persist(prompt);
        em.persist(new RegistryEvent(prompt.id(), null, Action.CREATE_PROMPT, null, null, actor, null));
        return prompt;
    }

    public List<Prompt> prompts() {
        return em.createNamedQuery(Prompt.ALL, Prompt.class).getResultList();
    }

    /** What a list of prompts shows of each: its id, name and active version (null: none). */
    public record Heading(String id, String name, String activeVersion) {
    }

    /**
     * Up to {@code limit} prompts by id after {@code afterId} (null: from the first), without their tags:
     * a keyset page of prompts in the order {@link #prompts()} lists them.
     */
    public List<Heading> headings(String afterId, int limit) {
        TypedQuery<Object[]> query = em.createQuery("SELECT p.id, p.name, p.activeVersion FROM Prompt p"
                + (afterId == null ? "" : " WHERE p.id > :after") + " ORDER BY p.id", Object[].class).setMaxResults(limit);
        if (afterId != null) {
            query.setParameter("after", afterId);
        }
        return query.getResultList().stream().map(row -> new Heading((String) row[0], (String) row[1], (String) row[2])).toList();
    }

    /** The active version of every prompt that has one, by prompt id. */
    public List<PromptVersion> activeVersions() {
        return em.createNamedQuery(PromptVersion.ACTIVE, PromptVersion.class).getResultList();
    }

    /**
     * Refuses an id that names no prompt (404), answered from the cached snapshots as ingest is: a read
     * that only needs the prompt to exist costs no query (two, the prompt and its tags, through {@link #prompt}).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void requireKnown(String promptId) {
        if (snapshot(promptId) == null) {
            throw noSuchPrompt(promptId);
        }
    }

    public Prompt prompt(String promptId) {
        Prompt prompt = em.find(Prompt.class, promptId);
        if (prompt == null) {
            throw noSuchPrompt(promptId);
        }
        return prompt;
    }

    public PromptVersion registerVersion(String promptId, NewVersion request, String actor) {
        lockedPrompt(promptId);
        SemanticVersion semver = SemanticVersion.parse(request.version());
        if (findVersion(promptId, semver.toString()) != null) {
            throw ProblemException.conflict("version", "version " + semver + " of " + promptId
                    + " already exists; a version's text never changes, register a new version instead");
        }
        AlertThresholds.parse(request.thresholds());
        String createdBy = request.createdBy() == null || request.createdBy().isBlank() ? actor : request.createdBy();
        PromptVersion version = new PromptVersion(promptId, semver, request.text(), createdBy,
                request.explorationTrace(), request.baseline(), request.thresholds(), request.autoRollback());
        em.persist(version);
        em.persist(new RegistryEvent(promptId, version.version(), Action.REGISTER, null, VersionStatus.DRAFT, actor, null));
        invalidateAfterCompletion(promptId);
        return version;
    }

    public List<PromptVersion> versions(String promptId) {
        prompt(promptId);
        return em.createNamedQuery(PromptVersion.BY_PROMPT, PromptVersion.class)
                .setParameter("promptId", promptId)
                .getResultList();
    }

    public PromptVersion version(String promptId, String version) {
        prompt(promptId);
        PromptVersion found = findVersion(promptId, version);
        if (found == null) {
            throw ProblemException.notFound("prompt " + promptId + " has no version '" + version + "'");
        }
        return found;
    }

    public PromptVersion stage(String promptId, String version, String actor, String reason) {
        return simpleMove(promptId, version, Move.STAGE, Action.STAGE, actor, reason);
    }

    public PromptVersion deprecate(String promptId, String version, String actor, String reason) {
        return simpleMove(promptId, version, Move.DEPRECATE, Action.DEPRECATE, actor, reason);
    }

    /**
     * Makes {@code version} active. The previous active version becomes its rollback reference
     * unless {@code rollbackTo} names another one, and is deprecated or kept (as staged).
     */
    public PromptVersion deploy(String promptId, String version, String actor, String reason,
                                String rollbackTo, boolean deprecatePrevious) {
        Prompt prompt = lockedPrompt(promptId);
        Prompt.Deployment deployment = prompt.deploy(lockedVersion(promptId, version), versionsOf(promptId), actor,
                rollbackTo, deprecatePrevious);
        PromptVersion retired = deployment.retired();
        if (retired != null) {
            // The deploy's own event keeps the whole reason; this one quotes as much as its column holds.
            String because = "replaced by " + version + (reason == null ? "" : ": " + reason);
            em.persist(new RegistryEvent(promptId, retired.version(), Action.RETIRE, VersionStatus.ACTIVE,
                    retired.status(), actor, because.substring(0, Math.min(because.length(), RegistryEvent.MAX_REASON))));
        }
        em.persist(new RegistryEvent(promptId, version, Action.DEPLOY, deployment.deployedFrom(), VersionStatus.ACTIVE,
                actor, reason));
        invalidateAfterCompletion(promptId);
        return deployment.deployed();
    }

    /** Reverts to the active version's rollback reference; the reverted version is deprecated. */
    public Prompt.Rollback rollback(String promptId, String actor, String reason) {
        Prompt.Rollback rollback = lockedPrompt(promptId).rollback(versionsOf(promptId), actor);
        em.persist(new RegistryEvent(promptId, rollback.reverted().version(), Action.ROLLBACK, VersionStatus.ACTIVE,
                VersionStatus.DEPRECATED, actor, reason));
        em.persist(new RegistryEvent(promptId, rollback.reinstated().version(), Action.ROLLBACK,
                rollback.reinstatedFrom(), VersionStatus.ACTIVE, actor, reason));
        invalidateAfterCompletion(promptId);
        return rollback;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public PromptSnapshot.ActiveVersion active(String promptId) {
        PromptSnapshot snapshot = snapshot(promptId);
        if (snapshot == null) {
            throw noSuchPrompt(promptId);
        }
        if (snapshot.active() == null) {
            throw ProblemException.notFound("prompt " + promptId + " has no active version");
        }
        return snapshot.active();
    }

    /** The cached snapshot of a prompt, or {@code null} when there is no such prompt (a {@code null} id names none). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public PromptSnapshot snapshot(String promptId) {
        return promptId == null ? null : cache.get(promptId, this::loadSnapshot);
    }

    public List<RegistryEvent> events(String promptId) {
        prompt(promptId);
        return em.createNamedQuery(RegistryEvent.BY_PROMPT, RegistryEvent.class)
                .setParameter("promptId", promptId)
                .getResultList();
    }

    private PromptSnapshot loadSnapshot(String promptId) {
        Prompt prompt = em.find(Prompt.class, promptId);
        if (prompt == null) {
            return null;
        }
        List<PromptVersion> versions = em.createNamedQuery(PromptVersion.BY_PROMPT, PromptVersion.class)
                .setParameter("promptId", promptId)
                .getResultList();
        Set<String> names = new TreeSet<>();
        PromptSnapshot.ActiveVersion active = null;
        for (PromptVersion v : versions) {
            names.add(v.version());
            if (v.version().equals(prompt.activeVersion())) {
                active = new PromptSnapshot.ActiveVersion(v.version(), v.text(), v.contentHash(),
                        v.deployedAt(), v.deployedBy(), v.rollbackTo());
            }
        }
        return new PromptSnapshot(promptId, prompt.privacyMode(), active, Set.copyOf(names));
    }

    private PromptVersion simpleMove(String promptId, String version, Move move, Action action, String actor, String reason) {
        lockedPrompt(promptId);
        PromptVersion target = lockedVersion(promptId, version);
        VersionStatus from = target.move(move);
        em.persist(new RegistryEvent(promptId, version, action, from, target.status(), actor, reason));
        return target;
    }

    private Prompt lockedPrompt(String promptId) {
        Prompt prompt = em.find(Prompt.class, promptId, LockModeType.PESSIMISTIC_WRITE);
        if (prompt == null) {
            throw noSuchPrompt(promptId);
        }
        return prompt;
    }

    /** The versions a lifecycle move reads, locked as {@link #lockedVersion} reads them. */
    private Prompt.Versions versionsOf(String promptId) {
        return version -> Optional.ofNullable(findVersion(promptId, version, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * A version about to change, read from the database under a row lock (the prompt's lock is already
     * held). Not from the persistence context: a caller's transaction may have read it before the lock
     * (a manual rollback reads the active version first), and another move committed since would
     * otherwise be overwritten with the older state (four operators deploying and rolling back one
     * prompt at once met it as "only the active version retires; 1.7.0 is staged"). A pessimistic
     * read refreshes an entity the context already holds.
     */
    private PromptVersion lockedVersion(String promptId, String version) {
        PromptVersion found = findVersion(promptId, version, LockModeType.PESSIMISTIC_WRITE);
        if (found == null) {
            throw ProblemException.notFound("prompt " + promptId + " has no version '" + version + "'");
        }
        return found;
    }

    private PromptVersion findVersion(String promptId, String version) {
        return findVersion(promptId, version, LockModeType.NONE);
    }

    private PromptVersion findVersion(String promptId, String version, LockModeType lock) {
        return em.createNamedQuery(PromptVersion.BY_PROMPT_AND_VERSION, PromptVersion.class)
                .setParameter("promptId", promptId)
                .setParameter("version", version)
                .setLockMode(lock)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    /** Drops the cached snapshot once the transaction has ended, so no reader re-caches old state. */
    private void invalidateAfterCompletion(String promptId) {
        generations.raise(); // the other servers drop theirs once they see it
        cache.invalidate(promptId);
        AfterCompletion.run(transactions, () -> cache.invalidate(promptId));
    }

    private static ProblemException noSuchPrompt(String promptId) {
        return ProblemException.notFound("no prompt with id '" + promptId + "'");
    }
}
