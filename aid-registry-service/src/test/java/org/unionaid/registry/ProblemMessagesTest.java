package org.unionaid.registry;

import org.junit.jupiter.api.Test;
import org.unionaid.common.problem.Messages;
import org.unionaid.testsupport.ProblemCodes;

import java.nio.file.Path;

/** Every problem this service throws by name has a title and a detail in English and in Chinese. */
class ProblemMessagesTest {

    @Test
    void everyThrownProblemHasItsMessagesInBothLanguages() {
        ProblemCodes.assertEachHasMessages(Path.of("src/main/java"), Messages::get, "document-store-unavailable");
    }
}
