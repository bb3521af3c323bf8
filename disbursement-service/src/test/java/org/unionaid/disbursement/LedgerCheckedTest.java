package org.unionaid.disbursement;

import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.unionaid.disbursement.support.LedgerAudit;
import org.unionaid.disbursement.support.Stub;

/**
 * A test of decisions against the stub registry's stations, after each of which every budget still equals its
 * ledger (LedgerAudit): whatever a test approves, refuses or pays, no money is lost or made.
 */
abstract class LedgerCheckedTest {

    /** An application without evidence: the projects that need none. */
    static final String NO_DETAILS = "{}";

    @Inject
    LedgerAudit ledger;

    @BeforeEach
    void registry() {
        Stub.stations();
    }

    @AfterEach
    void budgetsEqualTheLedger() {
        ledger.assertBudgetsEqualLedger();
    }
}
