package org.unionaid.disbursement.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** The payment of one approved application; at most one per application (unique index). */
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

    public String reference;

    @Enumerated(EnumType.STRING)
    public PayoutStatus status;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "paid_by")
    public String paidBy;

    @Column(name = "reversal_reference")
    public String reversalReference;

    @Column(name = "reversal_reason")
    public String reversalReason;

    @Column(name = "reversed_at")
    public Instant reversedAt;

    @Column(name = "reversed_by")
    public String reversedBy;
}
