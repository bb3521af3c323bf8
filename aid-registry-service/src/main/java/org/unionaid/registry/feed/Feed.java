package org.unionaid.registry.feed;

/** The feeds this service offers, their tables and advisory-lock keys. */
public enum Feed {
    STATIONS("station_feed", "code", 7_001L),
    WORKERS("worker_feed", "file_id", 7_002L);

    final String table;
    final String keyColumn;
    final long lockKey;

    Feed(String table, String keyColumn, long lockKey) {
        this.table = table;
        this.keyColumn = keyColumn;
        this.lockKey = lockKey;
    }
}
