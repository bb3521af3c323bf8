package org.unionaid.disbursement.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.unionaid.disbursement.crypto.SealedText;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The payment of one approved application: at most one per application that has not FAILED (unique index). A bank
 * transfer is ISSUED, then SENT in one bank file ({@code bankFileId}), then PAID or FAILED from the bank's result.
 */
@Entity
@Table(name = "payout")
public class Payout extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "payout_seq")
    @SequenceGenerator(name = "payout_seq", sequenceName = "payout_seq", allocationSize = 50)
    public Long id;

    @Column(name = "application_id")
    public Long applicationId;

    @Column(name = "project_code")
    public String projectCode;

    public int year;

    public BigDecimal amount;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    /** The bank's reference: plain (the demo loader writes it by SQL); no personal data belongs there. */
    public String reference;

    @Enumerated(EnumType.STRING)
    public PayoutStatus status;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "issued_by")
    public String issuedBy;

    /** The bank file it was sent in; set once, at export. */
    @Column(name = "bank_file_id")
    public Long bankFileId;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** When it became PAID: at once for cash, from the bank's result for a transfer. */
    @Column(name = "paid_at")
    public Instant paidAt;

    /** Who paid it in cash, or who imported the bank's result. */
    @Column(name = "paid_by")
    public String paidBy;

    @Column(name = "failed_at")
    public Instant failedAt;

    /** Who imported the result that said FAILED. */
    @Column(name = "result_by")
    public String resultBy;

    /** The bank's message for a failed transfer (may name the account holder): sealed at rest. */
    @Column(name = "failure_message")
    @Convert(converter = SealedText.FailureMessage.class)
    public String failureMessage;

    /** Free text of finance, like the reason: sealed at rest ({@link SealedText}). */
    @Column(name = "reversal_reference")
    @Convert(converter = SealedText.ReversalReference.class)
    public String reversalReference;

    /** Why it was reversed (may name an illness or an income): sealed at rest ({@link SealedText}). */
    @Column(name = "reversal_reason")
    @Convert(converter = SealedText.ReversalReason.class)
    public String reversalReason;

    @Column(name = "reversed_at")
    public Instant reversedAt;

    @Column(name = "reversed_by")
    public String reversedBy;
}
