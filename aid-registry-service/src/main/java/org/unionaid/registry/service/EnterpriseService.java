package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.common.security.Roles;
import org.unionaid.registry.domain.CreditCodes;
import org.unionaid.registry.domain.Enterprise;
import org.unionaid.registry.domain.EnterpriseStatus;
import org.unionaid.registry.rest.EnterpriseDtos.EnterpriseView;
import org.unionaid.registry.rest.EnterpriseDtos.NewEnterprise;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class EnterpriseService {

    private final EntityManager em;

    EnterpriseService(EntityManager em) {
        this.em = em;
    }

    /** A key enterprise (重点企业) gets enterprise grants: only an admin or a reviewer marks one. */
    @Transactional
    public EnterpriseView create(NewEnterprise request, Caller caller) {
        if (request.keyEnterprise() && !caller.is(Roles.ADMIN) && !caller.is(Roles.REVIEWER)) {
            throw new ProblemException(403, "key-enterprise-reserved");
        }
        String code = CreditCodes.normalise(request.creditCode());
        if (Enterprise.count("creditCode", code) > 0) {
            throw ProblemException.conflict("enterprise-exists", code);
        }
        Enterprise enterprise = new Enterprise();
        enterprise.name = request.name().trim();
        enterprise.creditCode = code;
        enterprise.status = request.status();
        enterprise.keyEnterprise = request.keyEnterprise();
        enterprise.createdAt = Instant.now();
        try {
            enterprise.persist();
            em.flush();
        } catch (PersistenceException e) {
            throw ProblemException.conflict("enterprise-exists", code);
        }
        return EnterpriseView.of(enterprise);
    }

    public Optional<EnterpriseView> find(long id) {
        return Enterprise.<Enterprise>findByIdOptional(id).map(EnterpriseView::of);
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
