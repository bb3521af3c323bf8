package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.common.identity.IdNumbers;
import org.unionaid.common.security.Caller;
import org.unionaid.common.security.Roles;
import org.unionaid.registry.crypto.PersonalDataCipher;
import org.unionaid.registry.crypto.SealedColumns;
import org.unionaid.registry.domain.AccidentRecord;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.Household;
import org.unionaid.registry.domain.HouseholdMember;
import org.unionaid.registry.service.view.BankAccountViews.BankAccountView;
import org.unionaid.registry.service.view.WorkerViews.Accident;
import org.unionaid.registry.service.view.WorkerViews.HouseholdView;
import org.unionaid.registry.service.view.WorkerViews.Member;
import org.unionaid.registry.service.view.WorkerViews.WorkerView;

import java.util.List;

/**
 * A file as the caller may see it: the full ID number and birth date for reviewers only, every other role the
 * masked number and the birth year (the birth date is the middle of the number). Every answer is a row of the
 * file's access log, written in the caller's transaction: no row, no answer.
 */
@ApplicationScoped
public class FileViews {

    private final PersonalDataCipher cipher;
    private final FileJournal journal;
    private final BankAccountSeal bankAccounts;
    private final HouseholdSeal households;
    private final MergedFiles merged;

    FileViews(PersonalDataCipher cipher, FileJournal journal, BankAccountSeal bankAccounts, HouseholdSeal households,
              MergedFiles merged) {
        this.merged = merged;
        this.cipher = cipher;
        this.journal = journal;
        this.bankAccounts = bankAccounts;
        this.households = households;
    }

    public static boolean seesFullIdNumber(Caller caller) {
        return caller.is(Roles.REVIEWER);
    }

    /**
     * Whether the caller sees a file's personal values (household, phone, proposed and past values): the staff
     * roles that read files; a service reads a file by id only, and never its history or change requests.
     */
    public static boolean seesPersonalValues(Caller caller) {
        return caller.is(Roles.CLERK) || caller.is(Roles.REVIEWER) || caller.is(Roles.ADMIN) || caller.is(Roles.FINANCE);
    }

    /** The file with its stored household, its read journalled for {@code purpose}. */
    public WorkerView answer(HardshipFile f, Caller caller, String purpose) {
        return answer(f, caller, households.open(f), purpose);
    }

    public WorkerView answer(HardshipFile f, Caller caller, Household h, String purpose) {
        boolean full = seesFullIdNumber(caller);
        journal.access(f.id, caller.subject(), purpose, full);
        return view(f, h, full);
    }

    private WorkerView view(HardshipFile f, Household h, boolean fullIdNumber) {
        String idNumber = fullIdNumber ? cipher.decrypt(f.idNumberEnc, SealedColumns.ID_NUMBER) : f.idNumberMasked;
        return new WorkerView(f.id, f.name, idNumber, f.birthYear,
                fullIdNumber ? IdNumbers.birthDate(idNumber) : null, f.sex, cipher.openText(f.phoneEnc, SealedColumns.PHONE),
                f.stationCode, f.stationPath, f.enterpriseId, f.migrantWorker, f.labourRelationSince,
                householdValue(h),
                f.category, h.perCapitaMonthlyIncome(), f.mainCause, f.otherCauseList(), accident(h.accident()),
                f.status, cipher.openText(f.statusReasonEnc, SealedColumns.STATUS_REASON), f.exitReason, f.createdAt,
                f.createdBy, f.updatedAt, f.activatedAt, f.closedAt, f.lastReviewedAt, f.nextReviewDue, f.exitProposed, f.lastAidedAt, f.version,
                bankAccounts.of(f.id).map(account -> BankAccountView.of(account.masked())).orElse(null),
                merged.mergedInto(f), merged.of(f));
    }

    /** A household as answers (and history entries) show it: size, income, costs, members. */
    public static HouseholdView householdValue(Household h) {
        return new HouseholdView(h.size(), h.yearlyIncome(), h.rigidCosts(), members(h.members()));
    }

    public static List<Member> members(List<HouseholdMember> members) {
        return members.stream().map(m -> new Member(m.id(), m.relation(), m.name(), m.birthDate(), m.student(),
                m.school(), m.grade(), m.ill(), m.disabled())).toList();
    }

    public static Accident accident(AccidentRecord a) {
        return a == null ? null : new Accident(a.date(), a.kind(), a.description());
    }
}
