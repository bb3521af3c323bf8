package org.unionaid.registry.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.unionaid.registry.client.PayoutFeedApi.Item;

import java.util.List;
import java.util.stream.Stream;

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
            // Not the file's version: no one's If-Match goes stale because aid was paid. A merged file's aid is its
            // survivor's too.
            em.createNativeQuery("UPDATE hardship_file SET last_aided_at = greatest(last_aided_at, :at) WHERE id = ANY(:files)")
                    .setParameter("at", item.occurredAt()).setParameter("files", fileAndSurvivor(item.workerId()))
                    .executeUpdate();
        }
    }

    private void reversed(Item item) {
        int marked = em.createNativeQuery("UPDATE file_payout SET reversed = true WHERE payout_id = :payout AND NOT reversed")
                .setParameter("payout", item.payoutId()).executeUpdate();
        if (marked == 1) {
            // the latest left of the file's own payouts and of the files merged into it
            em.createNativeQuery("UPDATE hardship_file h SET last_aided_at = (SELECT max(p.occurred_at) FROM file_payout p"
                            + " WHERE NOT p.reversed AND (p.file_id = h.id OR p.file_id IN"
                            + " (SELECT m.id FROM hardship_file m WHERE m.merged_into = h.id))) WHERE h.id = ANY(:files)")
                    .setParameter("files", fileAndSurvivor(item.workerId())).executeUpdate();
        }
    }

    /**
     * The paid file and the file it is merged into, if it is, both rows locked in id order (as service.FileMerge
     * locks them): a merge committing meanwhile is waited for, and its survivor is read after it, not before.
     */
    private Long[] fileAndSurvivor(long file) {
        Long survivor = mergedInto(file);
        while (true) {
            List<Long> ids = Stream.of(file, survivor).filter(java.util.Objects::nonNull).sorted().toList();
            em.createNativeQuery("SELECT id FROM hardship_file WHERE id = ANY(:ids) ORDER BY id FOR UPDATE")
                    .setParameter("ids", ids.toArray(Long[]::new)).getResultList();
            Long locked = mergedInto(file);
            if (java.util.Objects.equals(locked, survivor)) {
                return ids.toArray(Long[]::new);
            }
            survivor = locked;
        }
    }

    private Long mergedInto(long file) {
        List<?> rows = em.createNativeQuery("SELECT merged_into FROM hardship_file WHERE id = :file")
                .setParameter("file", file).getResultList();
        return rows.isEmpty() || rows.get(0) == null ? null : ((Number) rows.get(0)).longValue();
    }
}
