package org.unionaid.disbursement.feed;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One item of /api/v1/feed/payouts (docs/contracts.md): a payout or a reversal, with what reports
 * need and no personal data. A reversal repeats the payout's fields with a positive amount. A medical mutual-aid
 * claim by enrolment (beneficiary MEMBER) carries enrolmentId and memberId (an opaque number) and no workerId;
 * enterpriseId is then the enrolment's enterprise. Other payouts: enrolmentId and memberId null.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PayoutEvent(long entryId, String kind, long payoutId, long applicationId, String projectCode,
                          String beneficiary, Long workerId, String stationCode, Long enterpriseId, String category,
                          String mainCause, String amount, LocalDate occurredOn, Instant occurredAt, Long enrolmentId,
                          Long memberId) {
}
