package org.unionaid.contract;

import org.junit.jupiter.api.Test;
import org.unionaid.contract.merge.OpenApiMerge;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The merged document is valid OpenAPI by a JVM validator, and the merge found nothing that does not fit. */
class ContractValidationTest {

    @Test
    void theSwaggerParserReportsNoMessageOnTheMergedDocument() {
        assertNotNull(Contract.model(), "the parser could not read " + Contract.document());
        List<String> messages = Contract.parsed().getMessages();
        assertEquals(List.of(), messages == null ? List.of() : messages, "validator messages");
        assertTrue(Contract.model().getOpenapi().startsWith("3.1"), Contract.model().getOpenapi());
    }

    @Test
    void theServicesShareNoPathAndNoOperationId() throws IOException {
        OpenApiMerge.Merged merged = Contract.merge();
        assertEquals(List.of(), merged.conflicts());
    }

    @Test
    void theBuildsDocumentIsTheMergeOfWhatTheServicesStored() throws IOException {
        assertEquals(Contract.merge().document(), Contract.json(),
                "target/openapi/union-aid.json is not the merge of the services' target/openapi/openapi.json");
    }

    @Test
    void servesEveryPathOfTheThreeServicesButTheFeeds() {
        var paths = Contract.json().getJsonObject("paths").fieldNames();
        assertTrue(paths.contains("/api/v1/workers/{id}"), "registry");
        assertTrue(paths.contains("/api/v1/payouts"), "disbursement");
        assertTrue(paths.contains("/api/v1/reports/aid"), "reporting");
        assertTrue(paths.stream().noneMatch(p -> p.startsWith(OpenApiMerge.FEED_PREFIX)), paths.toString());
    }
}
