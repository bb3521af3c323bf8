package org.unionaid.disbursement.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.disbursement.domain.Project;
import org.unionaid.disbursement.rest.Dtos.ProjectRules;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The history of a project's rules (table project_event, appended only): who changed them, when, and each changed
 * rule before and after, by the rules' API names and as the API shows their values.
 */
@ApplicationScoped
public class ProjectHistory {

    /** One change of a project's rules: {@code changes} is {@code {rule: {before, after}}}. */
    public record ProjectEvent(long id, Instant at, String actor,
                               @Schema(description = "{rule: {before, after}} of each rule the change changed",
                                       implementation = java.util.Map.class, additionalProperties = RuleChange.class)
                               JsonNode changes) {
    }

    /** The contract's name for a rule's values in {@link ProjectEvent#changes}: the event carries them as JSON. */
    @Schema(name = "RuleChange", description = "A rule's value before and after the change: a text, an amount as a string, a boolean, a list of texts, or null for no limit")
    public record RuleChange(Object before, Object after) {
    }

    private final EntityManager em;
    private final ObjectMapper json;

    ProjectHistory(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** The rules as the history compares them. */
    JsonNode rules(Project p) {
        return json.valueToTree(ProjectRules.of(p));
    }

    /** Appends the rules that differ between before and after; nothing when none does. Returns whether any did. */
    boolean append(String code, JsonNode before, JsonNode after, String actor) {
        ObjectNode changes = json.createObjectNode();
        Set<String> rules = new TreeSet<>();
        before.fieldNames().forEachRemaining(rules::add);
        after.fieldNames().forEachRemaining(rules::add);
        for (String rule : rules) {
            JsonNode old = value(before, rule);
            JsonNode now = value(after, rule);
            if (!old.equals(now)) {
                changes.putObject(rule).<ObjectNode>set("before", old).set("after", now);
            }
        }
        if (changes.isEmpty()) {
            return false;
        }
        em.createNativeQuery("INSERT INTO project_event (project_code, actor, changes) VALUES (:code, :actor, CAST(:changes AS jsonb))")
                .setParameter("code", code).setParameter("actor", actor).setParameter("changes", changes.toString())
                .executeUpdate();
        return true;
    }

    /** A page of the project's changes, oldest first; empty when there is no such project. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<Page<ProjectEvent>> of(String code, String cursor, int limit) {
        if (Project.findByIdOptional(code).isEmpty()) {
            return Optional.empty();
        }
        List<Object[]> rows = em.createNativeQuery("SELECT id, at, actor, CAST(changes AS text) FROM project_event"
                        + " WHERE project_code = :code AND id > :after ORDER BY id LIMIT :l")
                .setParameter("code", code).setParameter("after", Cursors.decodeLong(cursor)).setParameter("l", limit + 1)
                .getResultList();
        return Optional.of(Cursors.page(rows, limit, r -> new Object[] {((Number) r[0]).longValue()},
                r -> new ProjectEvent(((Number) r[0]).longValue(), BankFiles.instant(r[1]), (String) r[2], parse((String) r[3]))));
    }

    /** A rule's value, JSON null when the mapper leaves null rules out. */
    private JsonNode value(JsonNode rules, String rule) {
        JsonNode value = rules.path(rule);
        return value.isMissingNode() ? json.nullNode() : value;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
