package org.unionaid.registry.domain;

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

import java.time.Instant;

/**
 * A yearly review of an ACTIVE file with new figures: a proposal until a reviewer decides it (a clerk's review),
 * or applied at once (a reviewer's, within the line). The reviewed household and the decision's reason are sealed.
 */
@Entity
@Table(name = "file_review")
public class FileReview extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "file_review_seq")
    @SequenceGenerator(name = "file_review_seq", sequenceName = "file_review_id_seq", allocationSize = 1)
    public Long id;

    @Column(name = "file_id")
    public long fileId;

    @Enumerated(EnumType.STRING)
    public ReviewStatus status;

    @Enumerated(EnumType.STRING)
    public ReviewOutcome outcome;

    /** The category the figures gave when filed; null above the line. */
    @Enumerated(EnumType.STRING)
    public Category category;

    /** The sealed {@link Household} as reviewed ({@code SealedColumns.REVIEW_HOUSEHOLD}). */
    @Column(name = "household_enc")
    public byte[] householdEnc;

    @Column(name = "base_version")
    public int baseVersion;

    @Column(name = "filed_by")
    public String filedBy;

    @Column(name = "filed_by_reviewer")
    public boolean filedByReviewer;

    @Column(name = "filed_at")
    public Instant filedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_reason_enc")
    public byte[] decisionReasonEnc;
}
