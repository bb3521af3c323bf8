package org.unionaid.bench.minimal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One file as a plain row: about the fields the registry's masked view shows, nothing sealed. */
@Entity
@Table(name = "bench_minimal_worker")
public class Worker extends PanacheEntityBase {
    @Id
    public Long id;
    public String name;
    @Column(name = "id_number_masked")
    public String idNumberMasked;
    @Column(name = "birth_year")
    public int birthYear;
    public String sex;
    public String phone;
    @Column(name = "station_code")
    public String stationCode;
    @Column(name = "station_path")
    public String stationPath;
    @Column(name = "enterprise_id")
    public Long enterpriseId;
    @Column(name = "migrant_worker")
    public boolean migrantWorker;
    public String category;
    @Column(name = "main_cause")
    public String mainCause;
    public String status;
    @Column(name = "household_size")
    public int householdSize;
    @Column(name = "yearly_income")
    public long yearlyIncome;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "next_review_due")
    public LocalDate nextReviewDue;
    public long version;
}
