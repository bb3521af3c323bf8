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
import java.util.Arrays;
import java.util.List;

/**
 * A proposed change of an ACTIVE file's household, causes or station, decided by a reviewer who did not ask
 * for it. The proposed values and the reasons are sealed; the names of the fields proposed are plain.
 */
@Entity
@Table(name = "change_request")
public class ChangeRequest extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "change_request_seq")
    @SequenceGenerator(name = "change_request_seq", sequenceName = "change_request_id_seq", allocationSize = 1)
    public Long id;

    @Column(name = "file_id")
    public long fileId;

    @Enumerated(EnumType.STRING)
    public ChangeRequestStatus status;

    @Column(name = "changed_fields")
    public String changedFields;

    /** The sealed {@link ProposedChanges} ({@code SealedColumns.CHANGE_REQUEST_CHANGES}). */
    @Column(name = "changes_enc")
    public byte[] changesEnc;

    @Column(name = "reason_enc")
    public byte[] reasonEnc;

    @Column(name = "base_version")
    public int baseVersion;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_reason_enc")
    public byte[] decisionReasonEnc;

    public List<String> changedFieldList() {
        return Arrays.asList(changedFields.split(","));
    }
}
