package org.unionaid.disbursement.feed;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The payout feed's answer as the contract states it. {@link PayoutFeed} passes each stored {@link PayoutEvent} through
 * as JSON with its seq in front, so an item is that seq and the event (allOf): the schema follows PayoutEvent's fields.
 */
public final class PayoutFeedItems {

    private PayoutFeedItems() {
    }

    @Schema(name = "PayoutFeedPage", description = "Items after `after`, ascending seq; lastSeq is the last item's seq, or after when none")
    public record Page(List<Item> items, long lastSeq) {
    }

    @Schema(name = "PayoutFeedItem", description = "A payout or a reversal (kind), after its seq; no personal data",
            allOf = {Seq.class, PayoutEvent.class})
    public interface Item {
    }

    @Schema(name = "FeedSeq")
    public record Seq(@Schema(required = true) long seq) {
    }
}
