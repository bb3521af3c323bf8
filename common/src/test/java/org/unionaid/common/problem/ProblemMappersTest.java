package org.unionaid.common.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemMappersTest {

    @Test
    void aDeadlockOrASerializationFailureIsACollisionToRetryAndAConstraintIsNot() {
        assertTrue(ProblemMappers.transactionsCollided(new IllegalStateException(new SQLException("deadlock", "40P01"))));
        assertTrue(ProblemMappers.transactionsCollided(new SQLException("could not serialize", "40001")));
        assertFalse(ProblemMappers.transactionsCollided(new IllegalStateException(new SQLException("unique", "23505"))));
        assertFalse(ProblemMappers.transactionsCollided(new IllegalStateException("no SQL state")));
        assertTrue(ProblemMappers.conflictInDatabase(new SQLException("unique", "23505")));
        assertFalse(ProblemMappers.conflictInDatabase(new SQLException("deadlock", "40P01")));
    }

    @Test
    void theCollisionIsExplainedInBothLanguages() {
        assertTrue(Messages.get(Locale.ENGLISH, "concurrent-update.detail").contains("Retry-After"));
        assertTrue(Messages.get(Locale.CHINESE, "concurrent-update.title").chars().anyMatch(c -> c > 0x4e00));
    }
}
