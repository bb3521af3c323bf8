package org.unionaid.registry;

import org.junit.jupiter.api.BeforeEach;

/** A test whose files live in a station tree of its own, made fresh before each test (Fixtures.stations()). */
abstract class StationTreeTest {

    Fixtures.Tree tree;

    @BeforeEach
    void stations() {
        tree = Fixtures.stations();
    }
}
