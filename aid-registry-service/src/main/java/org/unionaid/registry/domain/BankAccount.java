package org.unionaid.registry.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The bank account of a file, where its bank transfers go: one sealed value ({@code SealedColumns.BANK_ACCOUNT}). */
@Entity
@Table(name = "bank_account")
public class BankAccount extends PanacheEntityBase {

    @Id
    @Column(name = "file_id")
    public Long fileId;

    /** The sealed {@link BankDetails}: bank name, account number, account name. */
    @Column(name = "account_enc")
    public byte[] accountEnc;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;
}
