package org.unionaid.disbursement;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.BankFileTest.Issued;
import org.unionaid.disbursement.support.LedgerAudit;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.testsupport.PostgresResource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.disbursement.BankFileTest.HEADER;
import static org.unionaid.disbursement.BankFileTest.feedAfter;
import static org.unionaid.disbursement.BankFileTest.feedEnd;
import static org.unionaid.disbursement.BankFileTest.issued;
import static org.unionaid.disbursement.BankFileTest.sqlState;
import static org.unionaid.disbursement.BankFileTest.year;
import static org.unionaid.disbursement.support.Api.FINANCE;
import static org.unionaid.disbursement.support.Api.approve;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.bankFile;
import static org.unionaid.disbursement.support.Api.payCash;
import static org.unionaid.disbursement.support.Api.results;
import static org.unionaid.disbursement.support.Api.submit;

/**
 * What V11's lighter bank-file writes replaced still holds: a payout paid through a bank result reaches the feed as
 * the same item a cash payout does (its payload now built in SQL), a payout's bank file exists (checked per statement
 * instead of by a foreign key), bank files are never truncated, one live payout per application (now over the
 * generated column {@code live}).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class BankFileWritesTest {

    @Inject
    LedgerAudit ledger;

    @Inject
    EntityManager em;

    @BeforeEach
    void registry() {
        Stub.stations();
    }

    @AfterEach
    void budgetsEqualTheLedger() {
        ledger.assertBudgetsEqualLedger();
    }

    private long single(String sql, long id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).setParameter("id", id)
                .getSingleResult()).longValue());
    }

    @Test
    void aTransferPaidByTheBanksResultReachesTheFeedAsTheSameItemACashPayoutDoes() {
        int year = year();
        long cashWorker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        long cashApplication = submit("LIVING_RELIEF", cashWorker, year, "250.00", "{}");
        approve(cashApplication, "250.00").statusCode(200);
        int before = feedEnd();
        payCash(cashApplication, "RECEIPT-V11").statusCode(201);
        Map<String, Object> cash = feedAfter(before).getMap("items[0]");

        Issued p = issued(year, "320.50");
        long file = bankFile("LIVING_RELIEF", p.payout());
        int sent = feedEnd();
        results(file, HEADER + p.reference() + ",SUCCESS,320.50,\n").statusCode(200).body("applied", equalTo(1));
        List<Map<String, Object>> items = feedAfter(sent).getList("items");
        assertEquals(1, items.size(), "one PAYOUT item for the one paid line");
        Map<String, Object> bank = items.get(0);

        assertEquals(cash.keySet(), bank.keySet(), "the same fields");
        for (String field : cash.keySet()) {
            if (cash.get(field) != null && bank.get(field) != null) {
                assertEquals(cash.get(field).getClass(), bank.get(field).getClass(), field + " is of the same JSON type");
            }
        }
        Map<String, Object> expected = new HashMap<>(cash);
        expected.keySet().removeAll(List.of("seq", "entryId", "payoutId", "applicationId", "workerId", "amount",
                "occurredOn", "occurredAt"));
        Map<String, Object> same = new HashMap<>(bank);
        same.keySet().retainAll(expected.keySet());
        assertEquals(expected, same, "project, beneficiary, station, enterprise, category, cause, kind as for cash");
        assertEquals("PAYOUT", bank.get("kind"));
        assertEquals(single("SELECT id FROM ledger_entry WHERE kind = 'PAY' AND payout_id = :id", p.payout()),
                ((Number) bank.get("entryId")).longValue(), "the item names its PAY entry");
        assertEquals(p.payout(), ((Number) bank.get("payoutId")).longValue());
        assertEquals(p.application(), ((Number) bank.get("applicationId")).longValue());
        assertEquals(p.worker(), ((Number) bank.get("workerId")).longValue());
        assertEquals(single("SELECT enterprise_id FROM application WHERE id = :id", p.application()),
                ((Number) bank.get("enterpriseId")).longValue(), "the household's enterprise, as the application has it");
        assertEquals("320.50", bank.get("amount"));
        Instant occurred = Instant.parse((String) bank.get("occurredAt"));
        String paidAt = as(FINANCE).get("/api/v1/payouts/" + p.payout()).then().statusCode(200)
                .body("status", equalTo("PAID")).extract().jsonPath().getString("paidAt");
        // paid_at keeps microseconds (rounded), the item the instant the import took.
        assertTrue(Math.abs(Duration.between(Instant.parse(paidAt), occurred).toNanos()) < 1_000,
                "occurredAt is when the result paid it: " + occurred + " vs " + paidAt);
        assertEquals(occurred.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().toString(), bank.get("occurredOn"));
    }

    @Test
    void theDatabaseRefusesAPayoutInABankFileThatDoesNotExistATruncateOfBankFilesAndASecondLivePayout() {
        int year = year();
        Issued p = issued(year, "15.00");
        assertEquals("23503", sqlState(() -> em.createNativeQuery(
                "UPDATE payout SET status = 'SENT', bank_file_id = -1, sent_at = now() WHERE id = :id")
                .setParameter("id", p.payout()).executeUpdate()), "no such bank file: refused on update");

        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        long application = submit("LIVING_RELIEF", worker, year, "20.00", "{}");
        approve(application, "20.00").statusCode(200);
        String insert = """
                INSERT INTO payout (id, application_id, project_code, year, amount, channel, reference, status,
                                    issued_at, issued_by, bank_file_id, sent_at)
                VALUES (nextval('payout_seq'), :app, 'LIVING_RELIEF', :y, 20.00, 'BANK_TRANSFER', 'V11-X', %s, now(),
                        'test', %s, %s)""";
        assertEquals("23503", sqlState(() -> em.createNativeQuery(insert.formatted("'SENT'", "-7", "now()"))
                .setParameter("app", application).setParameter("y", year).executeUpdate()),
                "no such bank file: refused on insert");
        assertEquals("23505", sqlState(() -> em.createNativeQuery(insert.formatted("'ISSUED'", "NULL", "NULL"))
                .setParameter("app", p.application()).setParameter("y", year).executeUpdate()),
                "a second live payout of one application");

        long file = bankFile("LIVING_RELIEF", p.payout());
        assertEquals("check_violation", sqlState(() -> em.createNativeQuery("TRUNCATE bank_file CASCADE").executeUpdate()));
        assertEquals(file, single("SELECT bank_file_id FROM payout WHERE id = :id AND status = 'SENT'", p.payout()));
        assertEquals(1, single("SELECT count(*) FROM bank_file WHERE id = :id", file), "the file is still there");
        assertEquals(1, single("SELECT count(*) FROM payout WHERE id = :id AND live", p.payout()));
    }

    @Test
    void aBankFilesLinesAreItsPayoutsUnderTheirReferencesOnceAndNeverChange() {
        int year = year();
        Issued a = issued(year, "11.00");
        Issued b = issued(year, "12.00");
        Issued c = issued(year, "13.00");
        long file = bankFile("LIVING_RELIEF", a.payout(), b.payout());
        assertEquals(2, single("SELECT count(*) FROM bank_file_line l JOIN payout p ON p.id = l.payout_id"
                + " WHERE l.bank_file_id = :id AND p.bank_file_id = l.bank_file_id AND p.reference = l.reference"
                + " AND p.status = 'SENT'", file), "one line per payout of the export, under its reference");

        String line = "INSERT INTO bank_file_line (bank_file_id, reference, payout_id) VALUES (%d, '%s', %d)";
        assertEquals("23503", sqlState(() -> em.createNativeQuery(line.formatted(file, c.reference(), c.payout()))
                .executeUpdate()), "a line of a payout that is not in the file");
        assertEquals("23503", sqlState(() -> em.createNativeQuery(line.formatted(-5, c.reference(), c.payout()))
                .executeUpdate()), "a line of a file that does not exist");
        assertEquals("23505", sqlState(() -> em.createNativeQuery(line.formatted(file, b.reference(), a.payout()))
                .executeUpdate()), "a reference twice in one file");
        assertEquals("check_violation", sqlState(() -> em.createNativeQuery(
                "UPDATE bank_file_line SET reference = 'X' WHERE payout_id = :id").setParameter("id", a.payout())
                .executeUpdate()));
        assertEquals("check_violation", sqlState(() -> em.createNativeQuery(
                "DELETE FROM bank_file_line WHERE payout_id = :id").setParameter("id", a.payout()).executeUpdate()));
        assertEquals("check_violation", sqlState(() -> em.createNativeQuery("TRUNCATE bank_file_line").executeUpdate()));
        assertEquals("check_violation", sqlState(() -> em.createNativeQuery(
                "UPDATE payout SET reference = 'Y' WHERE id = :id").setParameter("id", a.payout()).executeUpdate()),
                "a payout in a file keeps its reference");
        assertEquals("23503", sqlState(() -> em.createNativeQuery(
                "UPDATE payout SET status = 'SENT', bank_file_id = :f, sent_at = now() WHERE id = :id")
                .setParameter("f", file).setParameter("id", c.payout()).executeUpdate()),
                "a payout put in a file without its line");
        assertEquals(2, single("SELECT count(*) FROM bank_file_line WHERE bank_file_id = :id", file));

        // What lets ISSUED -> SENT and SENT -> PAID be HOT updates: no index of payout holds status or bank_file_id.
        assertEquals(0, single("""
                SELECT count(*) FROM pg_index i JOIN pg_attribute t ON t.attrelid = i.indrelid
                 WHERE i.indrelid = 'payout'::regclass AND t.attname IN ('status', 'bank_file_id', 'sent_at')
                   AND (t.attnum = ANY (i.indkey)
                        OR pg_get_expr(i.indpred, i.indrelid) ~ ('\\m' || t.attname || '\\M')
                        OR pg_get_expr(i.indexprs, i.indrelid) ~ ('\\m' || t.attname || '\\M'))
                   AND :id = :id""", 0), "indexes of payout on its status or file");
    }
}
