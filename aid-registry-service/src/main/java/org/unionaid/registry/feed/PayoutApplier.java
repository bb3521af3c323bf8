package org.unionaid.registry.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.unionaid.registry.client.PayoutFeedApi.Item;

import java.util.List;

/**
 * Applies a page of the payout feed and moves the stored position in one transaction: a page is applied once or
 * not at all, and applying an item twice (a source that answers it again) changes nothing.
 */
@ApplicationScoped
public class PayoutApplier {

    static final String FEED = "payouts";

    private final EntityManager em;

    PayoutApplier(EntityManager em) {
        this.em = em;
    }

    public long position() {
        return ((Number) em.createNativeQuery("SELECT last_seq FROM feed_position WHERE feed = :feed")
                .setParameter("feed", FEED).getSingleResult()).longValue();
    }

    /** Applies {@code items} read after {@code from}; answers the new position (unchanged when another reader was first). */
    @Transactional
    public long apply(long from, List<Item> items, long lastSeq) {
        long stored = ((Number) em.createNativeQuery("SELECT last_seq FROM feed_position WHERE feed = :feed FOR UPDATE")
                .setParameter("feed", FEED).getSingleResult()).longValue();
        if (stored != from) {
            return stored;
        }
        for (Item item : items) {
            if (item.seq() <= from || item.workerId() == null || item.payoutId() == null) {
                continue;
            }
            if ("PAYOUT".equals(item.kind()) && item.occurredAt() != null) {
                paid(item);
            } else if ("REVERSAL".equals(item.kind())) {
                reversed(item);
            }
        }
        long to = Math.max(from, lastSeq);
        em.createNativeQuery("UPDATE feed_position SET last_seq = :to, updated_at = now() WHERE feed = :feed")
                .setParameter("to", to).setParameter("feed", FEED).executeUpdate();
        return to;
    }

    private void paid(Item item) {
        int added = em.createNativeQuery("INSERT INTO file_payout (payout_id, file_id, occurred_at) VALUES (:payout, :file, :at)"
                        + " ON CONFLICT (payout_id) DO NOTHING")
                .setParameter("payout", item.payoutId()).setParameter("file", item.workerId())
                .setParameter("at", item.occurredAt()).executeUpdate();
        if (added == 1) {
            // Not the file's version: no one's If-Match goes stale because aid was paid.
            em.createNativeQuery("UPDATE hardship_file SET last_aided_at = greatest(last_aided_at, :at) WHERE id = :file")
                    .setParameter("at", item.occurredAt()).setParameter("file", item.workerId()).executeUpdate();
        }
    }

    private void reversed(Item item) {
        int marked = em.createNativeQuery("UPDATE file_payout SET reversed = true WHERE payout_id = :payout AND NOT reversed")
                .setParameter("payout", item.payoutId()).executeUpdate();
        if (marked == 1) {
            em.createNativeQuery("UPDATE hardship_file SET last_aided_at = (SELECT max(occurred_at) FROM file_payout"
                            + " WHERE file_id = :file AND NOT reversed) WHERE id = :file")
                    .setParameter("file", item.workerId()).executeUpdate();
        }
    }
}
