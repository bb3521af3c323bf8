package org.unionaid.registry.domain;

/** A change of a file's bank account, as its history keeps it (sealed): the account before (null for the first) and after. */
public record BankAccountChange(BankDetails before, BankDetails after) {

    public BankAccountChange masked() {
        return new BankAccountChange(before == null ? null : before.masked(), after.masked());
    }
}
