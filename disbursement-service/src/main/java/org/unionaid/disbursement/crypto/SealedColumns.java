package org.unionaid.disbursement.crypto;

import org.unionaid.common.crypto.Resealer.Column;
import org.unionaid.common.crypto.Resealer.Table;

import java.util.List;

/**
 * Every column of disbursement that holds a value sealed with the details key ({@link DetailsCipher}), each with a
 * purpose of its own (bound as associated data: a value moved to another column does not open). Re-sealing after a
 * key rotation ({@link DetailsResealing}) walks exactly these tables. The idempotency store's answers are sealed too
 * ({@code Idempotency.RESPONSE_PURPOSE}) but not re-sealed: they live 48 h. What stays in the clear: amounts, codes
 * (project, station, category, cause), ids, once keys, subjects and dates, and {@code payout.reference}, the bank's
 * reference (the demo loader writes it by SQL; staff write no personal data there).
 */
public final class SealedColumns {

    /** An application's details (medical costs, student data). */
    public static final String DETAILS = SealedDetails.PURPOSE;
    /** Why an application was approved, rejected or cancelled, as the reviewer or clerk wrote it. */
    public static final String APPLICATION_REASON = "application.reason";
    /** Why a payout was reversed, as finance wrote it. */
    public static final String REVERSAL_REASON = "payout.reversal_reason";
    /** The reference of a reversal, as finance typed it. */
    public static final String REVERSAL_REFERENCE = "payout.reversal_reference";

    /** The bank's message for a failed transfer. */
    public static final String FAILURE_MESSAGE = "payout.failure_message";
    /**
     * A bank file's content (account names and numbers) and its SHA-256. Re-sealed after a rotation together, not by
     * the walk of {@link #TABLES}: the bytes never change (trigger bank_file_no_change lets a re-sealing transaction
     * alone write the two, BankFileResealing checks the digest first).
     */
    public static final String BANK_FILE_CONTENT = "bank_file.content";
    public static final String BANK_FILE_SHA256 = "bank_file.sha256";

    /** A mutual-aid member's ID number, name and bank account number (mutual_aid_member, V12). */
    public static final String MEMBER_ID_NUMBER = "mutual_aid_member.id_number";
    public static final String MEMBER_NAME = "mutual_aid_member.name";
    public static final String MEMBER_BANK_ACCOUNT = "mutual_aid_member.bank_account_number";
    /** A member's account (bank name and number) before and after a change (mutual_aid_bank_account_event, V14). */
    public static final String MEMBER_ACCOUNT_BEFORE = "mutual_aid_bank_account_event.before_account";
    public static final String MEMBER_ACCOUNT_AFTER = "mutual_aid_bank_account_event.after_account";

    /** The tables and their sealed columns, walked by id. */
    public static final List<Table> TABLES = List.of(
            new Table("application", "id", List.of(new Column("details", DETAILS), new Column("reason", APPLICATION_REASON))),
            new Table("payout", "id", List.of(new Column("reversal_reason", REVERSAL_REASON),
                    new Column("reversal_reference", REVERSAL_REFERENCE), new Column("failure_message", FAILURE_MESSAGE))),
            new Table("mutual_aid_member", "id", List.of(new Column("id_number", MEMBER_ID_NUMBER),
                    new Column("name", MEMBER_NAME), new Column("bank_account_number", MEMBER_BANK_ACCOUNT))),
            new Table("mutual_aid_bank_account_event", "id", List.of(new Column("before_account", MEMBER_ACCOUNT_BEFORE),
                    new Column("after_account", MEMBER_ACCOUNT_AFTER))));

    private SealedColumns() {
    }
}
