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
    /** The paid file and the file it was merged into, if it was. */
    private static final String FILE_AND_SURVIVOR =
            "id = :file OR id = (SELECT f.merged_into FROM hardship_file f WHERE f.id = :file)";

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
            // Not the file's version: no one's If-Match goes stale because aid was paid. A merged file's aid is its
            // survivor's too.
            em.createNativeQuery("UPDATE hardship_file SET last_aided_at = greatest(last_aided_at, :at) WHERE " + FILE_AND_SURVIVOR)
                    .setParameter("at", item.occurredAt()).setParameter("file", item.workerId()).executeUpdate();
        }
    }

    private void reversed(Item item) {
        int marked = em.createNativeQuery("UPDATE file_payout SET reversed = true WHERE payout_id = :payout AND NOT reversed")
                .setParameter("payout", item.payoutId()).executeUpdate();
        if (marked == 1) {
            // the latest left of the file's own payouts and of the files merged into it
            em.createNativeQuery("UPDATE hardship_file h SET last_aided_at = (SELECT max(p.occurred_at) FROM file_payout p"
                            + " WHERE NOT p.reversed AND (p.file_id = h.id OR p.file_id IN"
                            + " (SELECT m.id FROM hardship_file m WHERE m.merged_into = h.id))) WHERE " + FILE_AND_SURVIVOR)
                    .setParameter("file", item.workerId()).executeUpdate();
        }
    }
}
