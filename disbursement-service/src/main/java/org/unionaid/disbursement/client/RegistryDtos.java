package org.unionaid.disbursement.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.util.List;

/** What disbursement reads from aid-registry-service (docs/contracts.md); other fields are ignored. */
public final class RegistryDtos {

    private RegistryDtos() {
    }

    /**
     * {@code exitProposed}: a yearly review found the household above the line, and no reviewer has exited or kept it.
     * {@code mergedFrom}: the duplicate files a reviewer merged into this one (absent from registries before merges).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WorkerFile(long id, String status, String category, String stationCode, String stationPath,
                             Long enterpriseId, String mainCause, Boolean migrantWorker,
                             BigDecimal perCapitaMonthlyIncome, Household household, Boolean exitProposed,
                             List<MergedFile> mergedFrom) {

        /** The files merged into this one, never null; entries without an id are left out. */
        public List<MergedFile> merged() {
            return mergedFrom == null ? List.of()
                    : mergedFrom.stream().filter(m -> m != null && m.id() != null).toList();
        }

        public boolean migrant() {
            return Boolean.TRUE.equals(migrantWorker);
        }

        public boolean proposedForExit() {
            return Boolean.TRUE.equals(exitProposed);
        }
    }

    /** A file merged into the one read: its id and which of its members is which member of the surviving file. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MergedFile(Long id, List<MemberPair> members) {

        /** The pairs, never null; a pair missing either id is left out. */
        public List<MemberPair> pairs() {
            return members == null ? List.of()
                    : members.stream().filter(p -> p != null && p.from() != null && p.into() != null).toList();
        }
    }

    /** Member {@code from} of the merged file is member {@code into} of the surviving file. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MemberPair(Long from, Long into) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Household(Integer size, BigDecimal yearlyIncome, BigDecimal rigidCosts, List<Member> members) {
    }

    /** Names and birth dates are not read: disbursement needs only whether a member is a student. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Member(Long id, String relation, Boolean student, String school, String grade) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Station(String code, String name, String parentCode, String level, String path) {
    }

    /** An enterprise (status OPERATING, SUSPENDED or CLOSED); its name and credit code are not read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Enterprise(long id, String status, boolean keyEnterprise) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MinimumLivingStandard(int year, BigDecimal monthlyAmount) {
    }

    /**
     * A household's bank account as the registry gives it to a service: the full number. Personal data: it goes into
     * a bank file's sealed content and nowhere else (never logged, never in an answer but the file's download).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BankAccount(String bankName, String accountNumber, String accountName) {
        @Override
        public String toString() {
            return "BankAccount[sealed]";
        }
    }

    /** The files whose accounts the bulk read asks for: at most {@link Registry#LOOKUP_MAX}. */
    public record BankAccountLookup(List<Long> workerIds) {
    }

    /** The bulk read's answer: the accounts of the files that have one. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BankAccounts(List<BankAccountOfFile> items) {
    }

    /** One file's account in the bulk read (personal data, as {@link BankAccount}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BankAccountOfFile(long workerId, String bankName, String accountNumber, String accountName) {

        public BankAccount account() {
            return new BankAccount(bankName, accountNumber, accountName);
        }

        @Override
        public String toString() {
            return "BankAccountOfFile[" + workerId + ", sealed]";
        }
    }
}
