package org.unionaid.disbursement.rest;

/**
 * The example bodies of the contract's main requests (OpenAPI). OpenApiContractTest sends each to the service and
 * checks that it is taken, so an example never drifts from what the service accepts.
 */
final class Examples {

    /** A household's serious-illness application: 80 % of what it paid itself, within the project's caps. */
    static final String APPLICATION = """
            {"projectCode": "SERIOUS_ILLNESS", "workerId": 1024, "year": 2026, "requestedAmount": "12000.00",
             "details": {"medicalBills": ["invoice-2026-0193.pdf", "invoice-2026-0244.pdf"], "outOfPocket": "15000.00",
                         "totalCost": "40000.00", "hospital": "City No. 1 Hospital", "visits": 3}}""";

    /** A reviewer's approval of the amount asked. */
    static final String DECISION = """
            {"approve": true, "amount": "12000.00", "reason": "bills checked against the hospital's statement"}""";

    /** A bank transfer of an approved application. */
    static final String PAYOUT = """
            {"applicationId": 2048, "channel": "BANK_TRANSFER", "reference": "2026-SI-000193"}""";

    /** Bank transfers of three approved applications of one project. */
    static final String PAYOUT_BATCH = """
            {"projectCode": "SERIOUS_ILLNESS", "channel": "BANK_TRANSFER", "reference": "2026-05-SI",
             "applicationIds": [2048, 2049, 2050]}""";

    /** A bank file of ISSUED bank transfers of one project. */
    static final String BANK_FILE = """
            {"projectCode": "SERIOUS_ILLNESS", "payoutIds": [4096, 4097]}""";

    /** The bank's answer for a bank file: one line a payout, by its reference. */
    static final String BANK_RESULTS = """
            reference,status,amount,message
            2026-SI-000193,SUCCESS,12000.00,
            2026-SI-000194,FAILED,8000.00,account closed
            """;

    private Examples() {
    }
}
