package org.unionaid.disbursement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.OpenApiDocument;
import org.unionaid.testsupport.PostgresResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.yearWithBudget;

/**
 * disbursement's part of the contract frontends generate their clients from (issue 16): every operation named,
 * its answers typed (CSV and documents as bytes), lists as {items, nextCursor} of a named item, the limits the
 * validation enforces, and examples of the main requests that the service really takes.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private OpenApiDocument contract;
    private JsonNode document;

    @BeforeEach
    void readTheDocument() {
        contract = OpenApiDocument.served();
        document = contract.root();
    }

    private JsonNode example(String path, String method, String media) {
        JsonNode examples = document.at("/paths/" + path.replace("/", "~1") + "/" + method + "/requestBody/content/"
                + media.replace("/", "~1") + "/examples");
        assertTrue(examples.isObject() && examples.size() == 1, method + " " + path + " has no example");
        return examples.elements().next().get("value");
    }

    @Test
    void everyOperationHasAStableCamelCaseIdASummaryAndADescribedTag() {
        assertEquals(List.of(), contract.unnamedOperations());
        Set<String> ids = contract.operationIds();
        assertTrue(ids.containsAll(Set.of("submitApplication", "listApplications", "decideApplication",
                "cancelApplication", "createPayout", "reversePayout", "payPayoutBatch", "exportBankFile",
                "downloadBankFile", "importBankFileResults", "getReconciliation", "updateProjectRules",
                "setProjectBudget", "readPayoutFeed", "enrolMutualAidMember")), ids.toString());
    }

    @Test
    void everySuccessfulAnswerIsANamedTypeOrDeclaredBytes() {
        assertEquals(List.of(), contract.untypedAnswers());
        assertTrue(document.at("/paths/~1api~1v1~1bank-files~1{id}~1content/get/responses/200/content/text~1csv").isObject(),
                "the bank file downloads as text/csv");
        assertTrue(document.at("/paths/~1api~1v1~1bank-files~1{id}~1results/post/requestBody/content/text~1csv").isObject(),
                "the bank's results are posted as text/csv");
    }

    @Test
    void noSchemaHasAFreeObjectWhereTheShapeIsKnown() {
        assertEquals(List.of(), contract.freeObjects(Set.of("RuleChange")));
        assertEquals("#/components/schemas/RuleChange",
                contract.schema("ProjectEvent").at("/properties/changes/additionalProperties/$ref").asText());
        // a feed item is its seq and the payout event, whose fields the schema follows
        List<String> parts = new ArrayList<>();
        contract.schema("PayoutFeedItem").get("allOf").forEach(part -> parts.add(OpenApiDocument.refName(part)));
        assertEquals(List.of("FeedSeq", "PayoutEvent"), parts);
        assertTrue(contract.schema("PayoutEvent").at("/properties/amount").isObject());
        assertEquals("#/components/schemas/PayoutFeedItem",
                contract.schema("PayoutFeedPage").at("/properties/items/items/$ref").asText());
    }

    @Test
    void listsAnswerItemsOfANamedTypeAndANextCursorAndTakeALimitUpTo200() {
        assertEquals(List.of(), contract.badlyPagedLists());
        Set<String> lists = contract.pagedLists();
        assertTrue(lists.containsAll(Set.of("GET /api/v1/applications", "GET /api/v1/payouts", "GET /api/v1/bank-files",
                "GET /api/v1/reconciliation/outstanding", "GET /api/v1/projects/{code}/history",
                "GET /api/v1/applications/{id}/documents", "GET /api/v1/mutual-aid/enrolments")), lists.toString());
    }

    @Test
    void theBodiesStateTheLimitsTheValidationEnforces() {
        JsonNode application = contract.schema("NewApplication").get("properties");
        assertEquals(40, application.at("/projectCode/maxLength").asInt());
        assertEquals("string", application.at("/requestedAmount/type").asText(), "money travels as a decimal string");
        assertEquals("^[0-9]{1,12}(\\.[0-9]{1,2})?$", application.at("/requestedAmount/pattern").asText());
        assertEquals(2000, application.at("/year/minimum").asInt());
        assertEquals(2200, application.at("/year/maximum").asInt());
        assertEquals(20, application.at("/details/maxProperties").asInt());
        assertTrue(application.at("/details/description").asText().contains("SERIOUS_ILLNESS medicalBills"));
        JsonNode decision = contract.schema("ApplicationDecision").get("properties");
        assertEquals(1000, decision.at("/reason/maxLength").asInt());
        assertEquals("string", decision.at("/amount/type").asText());
        assertEquals(100, contract.schema("PayoutRequest").at("/properties/reference/maxLength").asInt());
        assertEquals(500, contract.schema("PayoutBatch").at("/properties/applicationIds/maxItems").asInt());
        assertEquals(10_000, contract.schema("BankFileRequest").at("/properties/payoutIds/maxItems").asInt());
        assertEquals(1000, contract.schema("Reversal").at("/properties/reason/maxLength").asInt());
        assertEquals("^[0-9]{1,3}(\\.[0-9]{1,2})?$", contract.schema("ProjectRules").at("/properties/sharePercentDeep/pattern").asText());
        assertEquals(20, contract.schema("ProjectRules").at("/properties/evidence/maxItems").asInt());
        JsonNode outstanding = document.at("/paths/~1api~1v1~1reconciliation~1outstanding/get/parameters");
        boolean days = false;
        for (JsonNode parameter : outstanding) {
            if ("olderThanDays".equals(parameter.get("name").asText())) {
                days = parameter.at("/schema/maximum").asInt() == 3650;
            }
        }
        assertTrue(days, "olderThanDays 0..3650");
        // answers give money as strings, as Jackson writes them
        assertEquals("string", contract.schema("ApplicationView").at("/properties/amount/type").asText());
        assertEquals("string", contract.schema("BudgetView").at("/properties/available/type").asText());
        assertEquals("string", contract.schema("Figures").at("/properties/amount/type").asText());
    }

    @Test
    void theExamplesOfAnApplicationAndItsDecisionAreOnesTheServiceTakes() throws Exception {
        Stub.stations();
        int year = yearWithBudget("SERIOUS_ILLNESS", "100000.00");
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        ObjectNode application = example("/api/v1/applications", "post", "application/json").deepCopy();
        assertEquals("SERIOUS_ILLNESS", application.get("projectCode").asText());
        application.put("workerId", worker).put("year", year);
        long id = as(CLERK_A).body(JSON.writeValueAsString(application)).post("/api/v1/applications").then()
                .statusCode(201).body("status", equalTo("SUBMITTED")).body("requestedAmount", equalTo("12000.00"))
                .body("details.hospital", equalTo("City No. 1 Hospital")).extract().jsonPath().getLong("id");
        JsonNode decision = example("/api/v1/applications/{id}/decision", "post", "application/json");
        as(REVIEWER).body(JSON.writeValueAsString(decision)).post("/api/v1/applications/" + id + "/decision").then()
                .statusCode(200).body("status", equalTo("APPROVED")).body("amount", equalTo("12000.00"));
        for (String[] main : new String[][] {{"/api/v1/payouts", "post", "application/json"},
                {"/api/v1/payout-batches", "post", "application/json"}, {"/api/v1/bank-files", "post", "application/json"},
                {"/api/v1/bank-files/{id}/results", "post", "text/csv"}}) {
            assertFalse(example(main[0], main[1], main[2]).isNull(), main[0]);
        }
    }
}
