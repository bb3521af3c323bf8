package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.security.Caller;
import org.unionaid.common.security.Roles;
import org.unionaid.registry.domain.CreditCodes;
import org.unionaid.registry.domain.Enterprise;
import org.unionaid.registry.domain.EnterpriseStatus;
import org.unionaid.registry.service.view.EnterpriseViews.EnterpriseEvent;
import org.unionaid.registry.service.view.EnterpriseViews.EnterpriseView;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Enterprises: registered, changed (a status with the day it took effect), each write a history entry. */
@ApplicationScoped
public class EnterpriseService {

    private final EntityManager em;
    private final EnterpriseHistory history;

    EnterpriseService(EntityManager em, EnterpriseHistory history) {
        this.em = em;
        this.history = history;
    }

    /** A key enterprise (重点企业) gets enterprise grants: only an admin or a reviewer marks one. */
    @Transactional
    public EnterpriseView create(EnterpriseEntry request, Caller caller) {
        if (request.keyEnterprise()) {
            requireMarker(caller);
        }
        String code = CreditCodes.normalise(request.creditCode());
        if (Enterprise.count("creditCode", code) > 0) {
            throw ProblemException.conflict("enterprise-exists", code);
        }
        Enterprise enterprise = new Enterprise();
        enterprise.name = request.name().trim();
        enterprise.creditCode = code;
        enterprise.status = request.status();
        enterprise.statusSince = request.statusSince() != null ? request.statusSince() : FileRules.today();
        enterprise.keyEnterprise = request.keyEnterprise();
        enterprise.createdAt = Instant.now();
        try {
            enterprise.persist();
            em.flush();
        } catch (PersistenceException e) {
            throw ProblemException.conflict("enterprise-exists", code);
        }
        FieldChanges values = new FieldChanges();
        values.put("name", null, enterprise.name);
        values.put("creditCode", null, enterprise.creditCode);
        values.put("status", null, enterprise.status);
        values.put("statusSince", null, enterprise.statusSince);
        values.put("keyEnterprise", null, enterprise.keyEnterprise);
        history.record(enterprise.id, caller.subject(), "CREATED", values, null);
        return EnterpriseView.of(enterprise);
    }

    /**
     * Changes an enterprise: name, status with the day it took effect (admin), the key-enterprise mark (admin or
     * reviewer). The row is locked, so changes at once follow each other in the history; values equal to the
     * enterprise's write nothing.
     */
    @Transactional
    public Optional<EnterpriseView> update(long id, EnterpriseChanges patch, Caller caller) {
        if ((patch.name() != null || patch.status() != null || patch.statusSince() != null) && !caller.is(Roles.ADMIN)) {
            throw new ProblemException(403, "enterprise-admin-only");
        }
        if (patch.keyEnterprise() != null) {
            requireMarker(caller);
        }
        Enterprise e = em.find(Enterprise.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            return Optional.empty();
        }
        FieldChanges changes = new FieldChanges();
        if (patch.name() != null) {
            String name = patch.name().trim();
            if (name.isEmpty()) {
                throw ProblemException.invalid(Violation.keyed("name", "name-blank"));
            }
            changes.put("name", e.name, name);
            e.name = name;
        }
        if (patch.status() != null && patch.status() != e.status) {
            LocalDate since = dayOfChange(patch.statusSince(), e.statusSince);
            changes.put("status", e.status, patch.status());
            changes.put("statusSince", e.statusSince, since);
            e.status = patch.status();
            e.statusSince = since;
        } else if (patch.statusSince() != null && !patch.statusSince().equals(e.statusSince)) {
            throw ProblemException.invalid(Violation.keyed("statusSince", "status-since-without-status"));
        }
        if (patch.keyEnterprise() != null) {
            changes.put("keyEnterprise", e.keyEnterprise, patch.keyEnterprise());
            e.keyEnterprise = patch.keyEnterprise();
        }
        if (!changes.isEmpty()) {
            e.updatedAt = Instant.now();
            em.flush();
            history.record(e.id, caller.subject(), "UPDATED", changes, patch.reason());
        }
        return Optional.of(EnterpriseView.of(e));
    }

    private static LocalDate dayOfChange(LocalDate given, LocalDate last) {
        if (given == null) {
            throw ProblemException.invalid(Violation.keyed("statusSince", "status-since-required"));
        }
        if (given.isAfter(FileRules.today())) {
            throw ProblemException.invalid(Violation.keyed("statusSince", "status-since-future"));
        }
        if (given.isBefore(last)) {
            throw ProblemException.invalid(Violation.keyed("statusSince", "status-since-before-last"));
        }
        return given;
    }

    private static void requireMarker(Caller caller) {
        if (!caller.is(Roles.ADMIN) && !caller.is(Roles.REVIEWER)) {
            throw new ProblemException(403, "key-enterprise-reserved");
        }
    }

    public Optional<EnterpriseView> find(long id) {
        return Enterprise.<Enterprise>findByIdOptional(id).map(EnterpriseView::of);
    }

    @Transactional
    public Optional<Page<EnterpriseEvent>> history(long id, String cursor, int limit) {
        return Enterprise.<Enterprise>findByIdOptional(id).map(e -> history.page(e.id, cursor, limit));
    }

    public Page<EnterpriseView> list(EnterpriseStatus status, Boolean keyEnterprise, String cursor, int limit) {
        long after = Cursors.decodeLong(cursor);
        StringBuilder query = new StringBuilder("id > ?1");
        List<Object> params = new java.util.ArrayList<>(List.of(after));
        if (status != null) {
            params.add(status);
            query.append(" and status = ?").append(params.size());
        }
        if (keyEnterprise != null) {
            params.add(keyEnterprise);
            query.append(" and keyEnterprise = ?").append(params.size());
        }
        List<Enterprise> rows = Enterprise.<Enterprise>find(query + " order by id", params.toArray())
                .range(0, limit).list();
        return Cursors.page(rows, limit, e -> new Object[] {e.id}, EnterpriseView::of);
    }
}
