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
import jakarta.persistence.Version;
import org.unionaid.disbursement.crypto.SealedDetails;
import org.unionaid.disbursement.crypto.SealedText;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * An application (申报) for aid of one project. The file's station, category, main cause and
 * enterprise are copied onto it at submission and again at decision time, so station scoping
 * and the payout feed need no call to the registry.
 */
@Entity
@Table(name = "application")
public class Application extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "application_seq")
    @SequenceGenerator(name = "application_seq", sequenceName = "application_seq", allocationSize = 50)
    public Long id;

    @Column(name = "project_code")
    public String projectCode;

    public int year;

    @Enumerated(EnumType.STRING)
    public Beneficiary beneficiary;

    @Column(name = "worker_id")
    public Long workerId;

    @Column(name = "enterprise_id")
    public Long enterpriseId;

    /** A MEDICAL_MUTUAL_AID claim by enrolment (beneficiary MEMBER): the enrolment and its member; no worker file. */
    @Column(name = "enrolment_id")
    public Long enrolmentId;

    @Column(name = "member_id")
    public Long memberId;

    @Column(name = "station_code")
    public String stationCode;

    @Column(name = "station_path")
    public String stationPath;

    public String category;

    @Column(name = "main_cause")
    public String mainCause;

    @Column(name = "requested_amount")
    public BigDecimal requestedAmount;

    /** The approved amount: reserved from the budget, then paid. */
    public BigDecimal amount;

    /** Personal data (medical costs, student data): sealed at rest, see {@link SealedDetails}. */
    @Convert(converter = SealedDetails.class)
    public Map<String, Object> details;

    @Column(name = "once_key")
    public String onceKey;

    @Enumerated(EnumType.STRING)
    public ApplicationStatus status;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "first_approved_by")
    public String firstApprovedBy;

    @Column(name = "first_approved_at")
    public Instant firstApprovedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    /** Free text of the reviewer or clerk (may name an illness or an income): sealed at rest, see {@link SealedText}. */
    @Convert(converter = SealedText.ApplicationReason.class)
    public String reason;

    @Version
    public int version;
}
