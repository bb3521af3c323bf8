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
import jakarta.persistence.Version;
import org.hibernate.annotations.Formula;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A household's hardship file (困难职工档案). Sensitive fields are held encrypted. */
@Entity
@Table(name = "hardship_file")
public class HardshipFile extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "hardship_file_seq")
    @SequenceGenerator(name = "hardship_file_seq", sequenceName = "hardship_file_seq", allocationSize = 50)
    public Long id;

    public String name;

    @Column(name = "id_number_enc")
    public byte[] idNumberEnc;

    @Column(name = "id_number_hash")
    public byte[] idNumberHash;

    @Column(name = "id_number_masked")
    public String idNumberMasked;

    /** Only the year: the full birth date is the middle of the ID number (read it from the sealed number). */
    @Column(name = "birth_year")
    public int birthYear;

    @Enumerated(EnumType.STRING)
    public Sex sex;

    /** The head's phone number, sealed ({@code SealedColumns.PHONE}); null when none was given. */
    @Column(name = "phone_enc")
    public byte[] phoneEnc;

    @Column(name = "station_code")
    public String stationCode;

    @Column(name = "station_path")
    public String stationPath;

    @Column(name = "enterprise_id")
    public Long enterpriseId;

    @Column(name = "migrant_worker")
    public boolean migrantWorker;

    @Column(name = "labour_relation_since")
    public LocalDate labourRelationSince;

    @Column(name = "household_size")
    public int householdSize;

    /** The encrypted {@code Household}: members, income, costs, accident, per-capita income. */
    @Column(name = "household_enc")
    public byte[] householdEnc;

    @Enumerated(EnumType.STRING)
    public Category category;

    @Enumerated(EnumType.STRING)
    @Column(name = "main_cause")
    public Cause mainCause;

    @Column(name = "other_causes")
    public String otherCauses = "";

    @Enumerated(EnumType.STRING)
    public FileStatus status;

    /** Why the file was last moved, as written; sealed ({@code SealedColumns.STATUS_REASON}). */
    @Column(name = "status_reason_enc")
    public byte[] statusReasonEnc;

    @Enumerated(EnumType.STRING)
    @Column(name = "exit_reason")
    public ExitReason exitReason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "activated_at")
    public Instant activatedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "last_reviewed_at")
    public Instant lastReviewedAt;

    @Column(name = "next_review_due")
    public LocalDate nextReviewDue;

    /** The latest payout of the file's aid not reversed, from disbursement's payout feed; null: never aided. */
    @Column(name = "last_aided_at")
    public Instant lastAidedAt;

    /** A yearly review found the household above the line: no person-aid until a reviewer exits or keeps the file. */
    @Column(name = "exit_proposed")
    public boolean exitProposed;

    /** The file this one was merged into (then CANCELLED); null unless merged. Always a file not merged itself. */
    @Column(name = "merged_into")
    public Long mergedInto;

    /**
     * Whether any file is merged into this one, read with the file's own statement (a subquery on the partial index
     * of {@code merged_into}), so the view asks for the merged files only when there are some. Never written;
     * {@code FileMerge} sets it on the survivor it has just merged into.
     */
    @Formula("exists (select 1 from hardship_file m where m.merged_into = id)")
    public boolean anyMergedInto;

    @Version
    public int version;

    public List<Cause> otherCauseList() {
        return otherCauses == null || otherCauses.isEmpty() ? List.of()
                : Arrays.stream(otherCauses.split(",")).map(Cause::valueOf).toList();
    }

    public void otherCauseList(List<Cause> causes) {
        otherCauses = causes == null ? "" : causes.stream().distinct().map(Enum::name).collect(Collectors.joining(","));
    }

    public boolean isOpen() {
        return status == FileStatus.PENDING || status == FileStatus.ACTIVE || status == FileStatus.TEMPORARY;
    }
}
