package org.unionaid.datagen;

import java.time.LocalDate;

/**
 * What payouts need of each imported file, in primitive arrays (about 30 bytes a file), so a
 * million files fit; the files themselves are streamed to the registry and not kept.
 */
final class FileIndex {

    final long[] ids;
    final int[] createdDay;
    final int[] activatedDay;
    final int[] exitDay;
    final short[] station;
    final short[] enterprise;
    final byte[] category;
    final byte[] cause;
    final byte[] flags;

    static final byte MIGRANT = 1;
    static final byte STUDENT = 2;

    FileIndex(int size) {
        ids = new long[size];
        createdDay = new int[size];
        activatedDay = new int[size];
        exitDay = new int[size];
        station = new short[size];
        enterprise = new short[size];
        category = new byte[size];
        cause = new byte[size];
        flags = new byte[size];
    }

    int size() {
        return ids.length;
    }

    void put(HardshipFiles.Spec s, long id) {
        int i = (int) s.index();
        ids[i] = id;
        createdDay[i] = (int) s.createdOn().toEpochDay();
        activatedDay[i] = (int) s.activatedOn().toEpochDay();
        exitDay[i] = s.exitedOn() == null ? Integer.MAX_VALUE : (int) s.exitedOn().toEpochDay();
        station[i] = (short) s.station();
        enterprise[i] = (short) s.enterprise();
        category[i] = (byte) s.category();
        cause[i] = (byte) s.cause();
        flags[i] = (byte) ((s.migrant() ? MIGRANT : 0) | (s.student() ? STUDENT : 0));
    }

    /** How many files had been entered by the end of {@code day} (files are in the order entered). */
    int enteredBy(LocalDate day) {
        int lo = 0;
        int hi = ids.length;
        long d = day.toEpochDay();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (createdDay[mid] <= d) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
