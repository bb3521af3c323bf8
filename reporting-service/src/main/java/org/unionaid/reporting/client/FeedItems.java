package org.unionaid.reporting.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The feed items reporting reads, as docs/contracts.md fixes them (fields it does not use are ignored). */
public final class FeedItems {

    private FeedItems() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StationItem(long seq, String code, String parentCode, String level, String path) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WorkerItem(long seq, long fileId, String status, String category, String mainCause,
                             String stationCode, Long enterpriseId, LocalDate createdOn, LocalDate activatedOn,
                             LocalDate exitedOn, Instant changedAt, Long mergedInto) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PayoutItem(long seq, long entryId, String kind, long payoutId, String projectCode,
                             String beneficiary, Long workerId, String stationCode, Long enterpriseId,
                             String category, String mainCause, BigDecimal amount, LocalDate occurredOn,
                             Long memberId, Long enrolmentId) {
    }

    /** A mutual-aid enrolment; memberId is disbursement's opaque member number. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EnrolmentItem(long seq, long enrolmentId, long memberId, long enterpriseId, int year,
                                BigDecimal premium, String paidBy, Instant enrolledAt) {
    }

    /** An enterprise as the registry lists it (GET /api/v1/enterprises): reporting reads its status only. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EnterpriseItem(long id, String status, LocalDate statusSince) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EnrolmentPage(List<EnrolmentItem> items, long lastSeq) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EnterprisePage(List<EnterpriseItem> items, String nextCursor) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StationPage(List<StationItem> items, long lastSeq) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WorkerPage(List<WorkerItem> items, long lastSeq) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PayoutPage(List<PayoutItem> items, long lastSeq) {
    }
}
