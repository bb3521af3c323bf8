package org.unionaid.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.OpenApiDocument;
import org.unionaid.testsupport.PostgresResource;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.testsupport.TestTokens.bearer;

/**
 * The registry's part of the contract frontends generate their clients from (issue 16): every operation named
 * (stable camelCase operationIds), its answers typed, lists as {items, nextCursor} of a named item, the limits the
 * validation enforces, and the examples the service really takes.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private OpenApiDocument contract;
    private JsonNode document;

    @BeforeEach
    void readTheDocument() {
        contract = OpenApiDocument.served();
        document = contract.root();
    }

    @Test
    void everyOperationHasAStableCamelCaseIdASummaryAndADescribedTag() {
        assertTrue(contract.operations().size() >= 43, "operations: " + contract.operations().size());
        assertEquals(List.of(), contract.unnamedOperations());
        // the names frontends' generated clients call: renaming one breaks them
        Set<String> ids = contract.operationIds();
        assertTrue(ids.containsAll(Set.of("createWorker", "listWorkers", "getWorker", "updateWorker", "transitionWorker",
                "lookupWorkers", "importWorkers", "mergeWorkers", "decideChangeRequest", "decideYearlyReview",
                "lookupBankAccounts", "readWorkerFeed", "readStationFeed")), ids.toString());
    }

    @Test
    void everySuccessfulJsonAnswerIsANamedTypeWithProperties() {
        assertEquals(List.of(), contract.untypedAnswers());
        assertTrue(document.at("/paths/~1api~1v1~1workers~1{id}~1documents~1{documentId}~1content/get/responses/200/content/application~1pdf")
                .isObject(), "a document downloads as its own type");
    }

    @Test
    void noSchemaHasAFreeObjectWhereTheShapeIsKnown() {
        assertEquals(List.of(), contract.freeObjects(Set.of("FieldChange")));
        assertEquals("#/components/schemas/FieldChange",
                contract.schema("HistoryEntry").at("/properties/changes/additionalProperties/$ref").asText());
        assertEquals("#/components/schemas/FieldChange",
                contract.schema("EnterpriseEvent").at("/properties/changes/additionalProperties/$ref").asText());
    }

    @Test
    void listsAnswerItemsOfANamedTypeAndANextCursorAndTakeALimitUpTo200() {
        assertEquals(List.of(), contract.badlyPagedLists());
        Set<String> lists = contract.pagedLists();
        assertTrue(lists.containsAll(Set.of("GET /api/v1/workers", "GET /api/v1/workers/{id}/history",
                "GET /api/v1/workers/{id}/access-log", "GET /api/v1/enterprises", "GET /api/v1/stations",
                "GET /api/v1/change-requests", "GET /api/v1/reviews", "GET /api/v1/workers/{id}/documents")), lists.toString());
        assertEquals("#/components/schemas/WorkerSummary",
                contract.schema("PageWorkerSummary").at("/properties/items/items/$ref").asText());
    }

    @Test
    void theBodiesStateTheLimitsTheValidationEnforces() {
        JsonNode worker = contract.schema("NewWorker").get("properties");
        assertEquals(50, worker.at("/name/maxLength").asInt());
        assertEquals("^[0-9]{17}[0-9Xx]$", worker.at("/idNumber/pattern").asText());
        assertEquals(18, worker.at("/idNumber/maxLength").asInt());
        assertEquals(32, worker.at("/stationCode/maxLength").asInt());
        assertEquals(7, worker.at("/otherCauses/maxItems").asInt());
        assertEquals(List.of("name", "idNumber", "stationCode", "household", "mainCause"),
                JSON.convertValue(contract.schema("NewWorker").get("required"), List.class));
        JsonNode household = contract.schema("HouseholdInput").get("properties");
        assertEquals("string", household.at("/yearlyIncome/type").asText(), "money travels as a decimal string");
        assertEquals("^[0-9]{1,12}(\\.[0-9]{1,2})?$", household.at("/yearlyIncome/pattern").asText());
        assertEquals(29, household.at("/members/maxItems").asInt());
        assertEquals(50, contract.schema("MemberInput").at("/properties/name/maxLength").asInt());
        assertEquals(500, contract.schema("Transition").at("/properties/reason/maxLength").asInt());
        assertEquals(500, contract.schema("Merge").at("/properties/reason/maxLength").asInt());
        assertEquals(1000, contract.schema("Review").at("/properties/note/maxLength").asInt());
        assertEquals(1000, contract.schema("ImportBatch").at("/properties/items/maxItems").asInt());
        assertEquals(1000, contract.schema("BankAccountLookup").at("/properties/workerIds/maxItems").asInt());
        assertEquals(30, contract.schema("BankAccountInput").at("/properties/accountNumber/maxLength").asInt());
        assertEquals(200, contract.schema("NewEnterprise").at("/properties/name/maxLength").asInt());
        assertEquals(18, contract.schema("NewEnterprise").at("/properties/creditCode/maxLength").asInt());
        assertEquals("[A-Za-z0-9_-]{1,32}", contract.schema("NewStation").at("/properties/code/pattern").asText());
        JsonNode year = document.at("/paths/~1api~1v1~1settings~1minimum-living-standard~1{year}/put/parameters/0/schema");
        assertEquals(2000, year.get("minimum").asInt());
        assertEquals(2200, year.get("maximum").asInt());
        // answers give money as strings, as Jackson writes them
        assertEquals("string", contract.schema("WorkerView").at("/properties/perCapitaMonthlyIncome/type").asText());
        assertEquals("string", contract.schema("HouseholdView").at("/properties/yearlyIncome/type").asText());
        assertEquals("string", contract.schema("StandardView").at("/properties/monthlyAmount/type").asText());
    }

    @Test
    void theExampleOfANewFileIsOneTheRegistryEnters() throws Exception {
        JsonNode example = document.at("/paths/~1api~1v1~1workers/post/requestBody/content/application~1json/examples/file/value");
        assertTrue(example.isObject(), "createWorker has no example");
        Fixtures.Tree stations = Fixtures.stations();
        ObjectNode body = example.deepCopy();
        body.put("stationCode", stations.community());
        Fixtures.create(stations.community(), JSON.writeValueAsString(body)).statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("PENDING"))
                .body("idNumber", org.hamcrest.Matchers.equalTo("**************002X"))
                .body("household.size", org.hamcrest.Matchers.equalTo(3));
    }

    @Test
    void theFeedsAnswerWhatTheirSchemasName() throws Exception {
        Fixtures.Tree stations = Fixtures.stations();
        Fixtures.pendingFile(stations.community(), Fixtures.idNumber(true));
        for (String feed : List.of("workers", "stations")) {
            JsonNode page = JSON.readTree(given().header("Authorization", bearer("service"))
                    .queryParam("after", 0).queryParam("limit", 1000).get("/api/v1/feed/" + feed)
                    .then().statusCode(200).contentType(ContentType.JSON).extract().asString());
            String pageSchema = OpenApiDocument.refName(document.at("/paths/~1api~1v1~1feed~1" + feed + "/get/responses/200/content/application~1json/schema"));
            Set<String> declared = new TreeSet<>();
            contract.schema(pageSchema).get("properties").fieldNames().forEachRemaining(declared::add);
            Set<String> given = new TreeSet<>();
            page.fieldNames().forEachRemaining(given::add);
            assertEquals(declared, given, feed);
            Set<String> itemDeclared = new TreeSet<>();
            contract.schema(OpenApiDocument.refName(contract.schema(pageSchema).at("/properties/items/items"))).get("properties").fieldNames()
                    .forEachRemaining(itemDeclared::add);
            JsonNode last = page.get("items").get(page.get("items").size() - 1);
            Set<String> itemGiven = new TreeSet<>();
            last.fieldNames().forEachRemaining(itemGiven::add);
            assertEquals(itemDeclared, itemGiven, feed + " item");
        }
    }
}
