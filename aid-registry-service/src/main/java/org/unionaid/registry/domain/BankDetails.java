package org.unionaid.registry.domain;

/**
 * A bank account as stored (sealed as one value): what a bank file needs to pay the holder. The account
 * name is the file's name when it is set.
 */
public record BankDetails(String bankName, String accountNumber, String accountName) {

    /** The same account with its number masked ({@link AccountNumbers#mask}): what every answer but the service read shows. */
    public BankDetails masked() {
        return new BankDetails(bankName, AccountNumbers.mask(accountNumber), accountName);
    }
}
