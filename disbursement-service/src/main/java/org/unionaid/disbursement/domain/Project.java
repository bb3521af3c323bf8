package org.unionaid.disbursement.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One of the 11 aid projects and its rules; a null rule is no limit. */
@Entity
@Table(name = "project")
public class Project extends PanacheEntityBase {

    @Id
    public String code;

    @Column(name = "name_zh")
    public String nameZh;

    @Column(name = "name_en")
    public String nameEn;

    @Enumerated(EnumType.STRING)
    public Beneficiary beneficiary;

    @Column(name = "payout_cap")
    public BigDecimal payoutCap;

    @Column(name = "payout_cap_months_deep")
    public BigDecimal payoutCapMonthsDeep;

    @Column(name = "payout_cap_months_other")
    public BigDecimal payoutCapMonthsOther;

    @Column(name = "university_amount")
    public BigDecimal universityAmount;

    @Column(name = "high_school_amount")
    public BigDecimal highSchoolAmount;

    @Column(name = "yearly_cap")
    public BigDecimal yearlyCap;

    @Column(name = "yearly_cap_months_deep")
    public BigDecimal yearlyCapMonthsDeep;

    @Column(name = "yearly_cap_months_other")
    public BigDecimal yearlyCapMonthsOther;

    @Column(name = "share_basis")
    public String shareBasis;

    @Column(name = "share_percent_deep")
    public BigDecimal sharePercentDeep;

    @Column(name = "share_percent_other")
    public BigDecimal sharePercentOther;

    @Column(name = "lifetime_cap")
    public BigDecimal lifetimeCap;

    @Column(name = "second_approval_above")
    public BigDecimal secondApprovalAbove;

    @Enumerated(EnumType.STRING)
    @Column(name = "once_per")
    public OncePer oncePer;

    @Column(name = "counts_as_aid_item")
    public boolean countsAsAidItem;

    @Column(name = "accepts_temporary_file")
    public boolean acceptsTemporaryFile;

    @Column(name = "migrant_only")
    public boolean migrantOnly;

    /** Comma-separated keys of {@code details} an application must carry. */
    public String evidence;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    public List<String> evidenceKeys() {
        return evidence == null || evidence.isBlank() ? List.of()
                : Arrays.stream(evidence.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Whether the rules need the city's minimum living standard of the year. */
    public boolean needsMinimumLivingStandard() {
        return yearlyCapMonthsDeep != null || yearlyCapMonthsOther != null
                || payoutCapMonthsDeep != null || payoutCapMonthsOther != null;
    }
}
