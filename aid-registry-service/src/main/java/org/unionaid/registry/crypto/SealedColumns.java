package org.unionaid.registry.crypto;

import org.unionaid.common.crypto.Resealer.Column;
import org.unionaid.common.crypto.Resealer.Table;

import java.util.List;

/**
 * Every column of the registry that holds a sealed value, each with a purpose of its own (bound as associated
 * data: a value moved to another column does not open). Re-sealing after a key rotation walks exactly these.
 * A bank account is sealed whole, its number included. What stays in the clear is the head's name (search), the
 * masked ID number, the birth year, the sex, station, enterprise, category and causes (lists, filters and the
 * feeds), dates and who did what.
 */
public final class SealedColumns {

    public static final String ID_NUMBER = "hardship_file.id_number";
    public static final String HOUSEHOLD = "hardship_file.household";
    /** The head's phone number. */
    public static final String PHONE = "hardship_file.phone";
    /** Why a file was rejected, cancelled, activated or exited, as the reviewer or clerk wrote it. */
    public static final String STATUS_REASON = "hardship_file.status_reason";
    /** A check's note ("家中有重病患者"...). */
    public static final String CHECK_NOTE = "file_check.note";
    /** A history entry's reason (a transition's, as written; a check's or review's outcome). */
    public static final String EVENT_REASON = "file_event.reason";
    /** A yearly review's note, kept with its history entry. */
    public static final String EVENT_NOTE = "file_event.note";
    /** A file's bank account: bank name, account number and account name, one value. */
    public static final String BANK_ACCOUNT = "bank_account.account";
    /** A history entry's bank account before and after a change. */
    public static final String EVENT_BANK_ACCOUNT = "file_event.bank_account";

    /** A history entry's old and new value of every changed field, one value. */
    public static final String EVENT_CHANGES = "file_event.changes";
    /** The values a change request proposes (household, causes, station), one value. */
    public static final String CHANGE_REQUEST_CHANGES = "change_request.changes";
    /** Why a change was asked for, as written. */
    public static final String CHANGE_REQUEST_REASON = "change_request.reason";
    /** Why a reviewer applied or rejected a change request, as written. */
    public static final String CHANGE_REQUEST_DECISION_REASON = "change_request.decision_reason";

    /** The household a yearly review found (members, income, costs), one value. */
    public static final String REVIEW_HOUSEHOLD = "file_review.household";
    /** Why a reviewer applied, rejected, exited or kept on a yearly review, as written. */
    public static final String REVIEW_DECISION_REASON = "file_review.decision_reason";

    /** The tables and their sealed columns, walked by id. */
    public static final List<Table> TABLES = List.of(
            new Table("hardship_file", "id", List.of(new Column("id_number_enc", ID_NUMBER),
                    new Column("household_enc", HOUSEHOLD), new Column("phone_enc", PHONE),
                    new Column("status_reason_enc", STATUS_REASON))),
            new Table("file_check", "id", List.of(new Column("note_enc", CHECK_NOTE))),
            new Table("file_event", "id", List.of(new Column("reason_enc", EVENT_REASON), new Column("note_enc", EVENT_NOTE),
                    new Column("bank_account_enc", EVENT_BANK_ACCOUNT), new Column("changes_enc", EVENT_CHANGES))),
            new Table("change_request", "id", List.of(new Column("changes_enc", CHANGE_REQUEST_CHANGES),
                    new Column("reason_enc", CHANGE_REQUEST_REASON),
                    new Column("decision_reason_enc", CHANGE_REQUEST_DECISION_REASON))),
            new Table("file_review", "id", List.of(new Column("household_enc", REVIEW_HOUSEHOLD),
                    new Column("decision_reason_enc", REVIEW_DECISION_REASON))),
            new Table("bank_account", "file_id", List.of(new Column("account_enc", BANK_ACCOUNT))));

    private SealedColumns() {
    }
}
