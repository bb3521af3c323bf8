package org.unionaid.disbursement.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.common.problem.Messages;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.disbursement.domain.Application;
import org.unionaid.disbursement.domain.ApplicationStatus;
import org.unionaid.disbursement.domain.Channel;
import org.unionaid.disbursement.domain.Payout;
import org.unionaid.disbursement.domain.PayoutStatus;
import org.unionaid.disbursement.feed.PayoutEvent;
import org.unionaid.disbursement.feed.PayoutFeed;
import org.unionaid.disbursement.rest.Dtos.BatchItem;
import org.unionaid.disbursement.rest.Dtos.BatchResult;
import org.unionaid.disbursement.rest.Dtos.ItemResult;
import org.unionaid.disbursement.rest.Dtos.PayoutBatch;
import org.unionaid.disbursement.rest.Dtos.PayoutRequest;
import org.unionaid.disbursement.rest.Dtos.PayoutView;
import org.unionaid.disbursement.rest.Dtos.Reversal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Payouts (发放) by finance, single or in batches, and reversals. Cash is PAID at once; a bank transfer is ISSUED
 * (the application PAYING, its money still reserved) and becomes PAID or FAILED through a bank file
 * ({@link BankFileExport}, {@link BankResultImport}). An application has at most one payout that has not FAILED: a
 * conditional update moves it from APPROVED, and a partial unique index on payout.application_id stands behind it.
 */
@ApplicationScoped
public class PayoutService {

    /** The rule that keeps an application's approvers from paying it. */
    public static final String APPROVER_CANNOT_PAY = "APPROVER_CANNOT_PAY";
    /** The application's bank transfer is ISSUED or SENT: no second payout until the bank has answered. */
    public static final String PAYOUT_PENDING = "payout-pending";

    private final Budgets budgets;
    private final PayoutFeed feed;
    private final Caller caller;
    private final EntityManager em;
    private final StationScope scope;

    PayoutService(Budgets budgets, PayoutFeed feed, Caller caller, EntityManager em, StationScope scope) {
        this.budgets = budgets;
        this.feed = feed;
        this.caller = caller;
        this.em = em;
        this.scope = scope;
    }

    @Transactional
    public PayoutView pay(PayoutRequest request) {
        Payout payout = pay(request.applicationId(), request.channel(), request.reference(), null);
        Application paid = Application.findById(payout.applicationId);
        return PayoutView.of(payout, paid.workerId);
    }

    private Payout pay(long applicationId, Channel channel, String reference, String projectCode) {
        Application a = Application.findById(applicationId);
        if (a == null) {
            throw ProblemException.notFound("Application", applicationId);
        }
        if (projectCode != null && !projectCode.equals(a.projectCode)) {
            throw ProblemException.unprocessable("wrong-project", applicationId, projectCode);
        }
        String me = caller.subject();
        // Whoever approved (first or second signature) never pays: one person may hold reviewer and finance.
        // The conditional update holds the rule too, against a decision that lands between the read and it.
        boolean cash = channel == Channel.CASH;
        int claimed = em.createNativeQuery("""
                        UPDATE application SET status = :next, version = version + 1
                         WHERE id = :id AND status = 'APPROVED'
                           AND decided_by IS DISTINCT FROM :me AND first_approved_by IS DISTINCT FROM :me""")
                .setParameter("next", cash ? "PAID" : "PAYING")
                .setParameter("id", applicationId).setParameter("me", me).executeUpdate();
        if (claimed != 1) {
            em.refresh(a);
            if (a.status == ApplicationStatus.PAID || a.status == ApplicationStatus.REVERSED) {
                throw ProblemException.conflict("already-paid", applicationId);
            }
            if (a.status == ApplicationStatus.PAYING) {
                throw ProblemException.conflict(PAYOUT_PENDING, applicationId);
            }
            if (a.status == ApplicationStatus.APPROVED && (me.equals(a.decidedBy) || me.equals(a.firstApprovedBy))) {
                throw RuleRefusal.separationOfDuties(APPROVER_CANNOT_PAY);
            }
            throw ProblemException.conflict("illegal-state", a.status, "PAID");
        }
        em.refresh(a);
        Payout p = new Payout();
        p.applicationId = a.id;
        p.projectCode = a.projectCode;
        p.year = a.year;
        p.amount = a.amount;
        p.channel = channel;
        p.reference = reference;
        p.issuedAt = Instant.now();
        p.issuedBy = me;
        p.status = cash ? PayoutStatus.PAID : PayoutStatus.ISSUED;
        if (cash) {
            p.paidAt = p.issuedAt;
            p.paidBy = me;
        }
        p.persist();
        em.flush();
        if (cash) {
            // The money leaves the reservation when it is paid; a transfer's when the bank says so (BankResultImport).
            long entry = budgets.pay(a.projectCode, a.year, a.amount, a.id, p.id, me);
            feed.append(event(entry, "PAYOUT", p, a, p.paidAt));
        }
        return p;
    }

    /**
     * Pays each application in its own transaction and reports each one's result; re-sending a
     * batch pays nothing twice (an application paid before is reported ALREADY_PAID). Runs in no
     * transaction of its own: it holds one pooled connection at a time, that of the item it pays.
     */
    @Transactional(Transactional.TxType.NEVER)
    public BatchResult payBatch(PayoutBatch batch, Locale locale) {
        QuarkusTransaction.requiringNew().run(() -> ApplicationService.project(batch.projectCode()));
        List<BatchItem> items = new ArrayList<>();
        for (Long id : new LinkedHashSet<>(batch.applicationIds())) {
            items.add(payItem(batch, id, locale));
        }
        Map<ItemResult, Long> counts = items.stream().collect(Collectors.groupingBy(BatchItem::result, Collectors.counting()));
        return new BatchResult(batch.projectCode(), counts.getOrDefault(ItemResult.PAID, 0L).intValue(),
                counts.getOrDefault(ItemResult.ALREADY_PAID, 0L).intValue(),
                counts.getOrDefault(ItemResult.REFUSED, 0L).intValue(), items);
    }

    private BatchItem payItem(PayoutBatch batch, long id, Locale locale) {
        try {
            Payout p = QuarkusTransaction.requiringNew().call(
                    () -> pay(id, batch.channelOrDefault(), batch.referenceOrDefault() + "/" + id, batch.projectCode()));
            return new BatchItem(id, ItemResult.PAID, p.id, p.status, null, null, null);
        } catch (ProblemException e) {
            if ("already-paid".equals(e.code()) || PAYOUT_PENDING.equals(e.code())) {
                Payout live = QuarkusTransaction.requiringNew().call(() -> Payout.<Payout>find(
                                "applicationId = ?1 and status <> ?2", id, PayoutStatus.FAILED)
                        .firstResultOptional().orElse(null));
                return new BatchItem(id, ItemResult.ALREADY_PAID, live == null ? null : live.id,
                        live == null ? null : live.status, null, null, null);
            }
            return new BatchItem(id, ItemResult.REFUSED, null, null, e.code(), Messages.get(locale, e.code() + ".detail", e.args()),
                    e instanceof RuleRefusal refusal ? refusal.rule() : null);
        }
    }

    /** Returns the money to the budget (available) and keeps both the payout and the reversal entry. */
    @Transactional
    public PayoutView reverse(long payoutId, Reversal reversal) {
        Payout p = em.find(Payout.class, payoutId, LockModeType.PESSIMISTIC_WRITE);
        if (p == null) {
            throw ProblemException.notFound("Payout", payoutId);
        }
        if (p.status != PayoutStatus.PAID) {
            throw ProblemException.conflict("illegal-state", p.status, "REVERSED");
        }
        String me = caller.subject();
        Instant now = Instant.now();
        p.status = PayoutStatus.REVERSED;
        p.reversalReason = reversal.reason();
        p.reversalReference = reversal.reference();
        p.reversedAt = now;
        p.reversedBy = me;
        Application a = em.find(Application.class, p.applicationId, LockModeType.PESSIMISTIC_WRITE);
        a.status = ApplicationStatus.REVERSED;
        long entry = budgets.reverse(p.projectCode, p.year, p.amount, a.id, p.id, me);
        feed.append(event(entry, "REVERSAL", p, a, now));
        return PayoutView.of(p, a.workerId);
    }

    public Optional<PayoutView> find(long id) {
        return Payout.<Payout>findByIdOptional(id).flatMap(p -> Application.<Application>findByIdOptional(p.applicationId)
                .filter(a -> scope.sees(a.stationPath)).map(a -> PayoutView.of(p, a.workerId)));
    }

    public Page<PayoutView> list(Long workerId, String project, Integer year, String cursor, int limit) {
        StringBuilder where = new StringBuilder("p.id > :after");
        Map<String, Object> params = new HashMap<>();
        params.put("after", Cursors.decodeLong(cursor));
        if (workerId != null) {
            where.append(" and a.workerId = :worker");
            params.put("worker", workerId);
        }
        if (project != null) {
            where.append(" and p.projectCode = :project");
            params.put("project", project);
        }
        if (year != null) {
            where.append(" and p.year = :year");
            params.put("year", year);
        }
        Optional<String> prefix = scope.prefix();
        if (prefix.isPresent()) {
            where.append(" and a.stationPath like :prefix escape '\\'");
            params.put("prefix", prefix.get().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        var query = em.createQuery("select p, a.workerId from Payout p, Application a where a.id = p.applicationId and "
                + where + " order by p.id", Object[].class);
        params.forEach(query::setParameter);
        List<Object[]> rows = query.setMaxResults(limit + 1).getResultList();
        return Cursors.page(rows, limit, r -> new Object[] {((Payout) r[0]).id},
                r -> PayoutView.of((Payout) r[0], (Long) r[1]));
    }

    static PayoutEvent event(long entryId, String kind, Payout p, Application a, Instant at) {
        return new PayoutEvent(entryId, kind, p.id, a.id, a.projectCode, a.beneficiary.name(), a.workerId,
                a.stationCode, a.enterpriseId, a.category, a.mainCause, p.amount.toPlainString(),
                at.atZone(ApplicationService.CHINA).toLocalDate(), at, a.enrolmentId, a.memberId);
    }
}
