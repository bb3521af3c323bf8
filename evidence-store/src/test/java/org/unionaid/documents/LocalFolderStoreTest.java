package org.unionaid.documents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalFolderStoreTest {

    private static final String KEY = "0b6f2c1e-8a55-4d0e-9a51-3f3c3c0a7e11";

    @TempDir
    Path folder;

    private LocalFolderStore store() {
        return new LocalFolderStore(folder.resolve("documents"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void putsGetsAndDeletesAnObject() {
        LocalFolderStore store = store();
        store.put(KEY, bytes("sealed one"));
        assertArrayEquals(bytes("sealed one"), store.get(KEY).orElseThrow());
        store.delete(KEY);
        assertEquals(Optional.empty(), store.get(KEY));
        store.delete(KEY); // again: nothing there, nothing happens
    }

    @Test
    void answersEmptyForAKeyNeverStored() {
        assertTrue(store().get("never-stored").isEmpty());
    }

    @Test
    void takesTheSameBytesAgainAsARetry() throws IOException {
        LocalFolderStore store = store();
        store.put(KEY, bytes("sealed one"));
        store.put(KEY, bytes("sealed one"));
        assertEquals(List.of(KEY), names(store.root()));
    }

    @Test
    void neverReplacesAnObjectWithOtherBytes() {
        LocalFolderStore store = store();
        store.put(KEY, bytes("first"));
        assertThrows(ObjectConflict.class, () -> store.put(KEY, bytes("second")));
        assertArrayEquals(bytes("first"), store.get(KEY).orElseThrow());
    }

    @Test
    void letsExactlyOneOfManyRacingWritersHaveAKey() throws Exception {
        LocalFolderStore store = store();
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            byte[] mine = bytes("writer " + i + " ".repeat(100_000));
            results.add(pool.submit(() -> {
                start.await();
                try {
                    store.put(KEY, mine);
                    return true;
                } catch (ObjectConflict e) {
                    return false;
                }
            }));
        }
        start.countDown();
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            if (results.get(i).get()) {
                winners.add(i);
            }
        }
        pool.shutdown();
        assertEquals(1, winners.size(), "winners: " + winners);
        assertArrayEquals(bytes("writer " + winners.get(0) + " ".repeat(100_000)), store.get(KEY).orElseThrow());
        assertEquals(List.of(KEY), names(store.root()), "no temporary file is left behind");
    }

    @Test
    void neverShowsAReaderHalfAnObject() throws Exception {
        LocalFolderStore store = store();
        byte[] big = new byte[DocumentChecks.MAX_BYTES];
        new java.util.Random(7).nextBytes(big);
        AtomicBoolean written = new AtomicBoolean();
        List<Integer> seen = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (!written.get()) {
                store.get(KEY).ifPresent(found -> seen.add(found.length));
            }
        });
        reader.start();
        store.put(KEY, big);
        written.set(true);
        reader.join();
        assertTrue(seen.stream().allMatch(length -> length == big.length), "lengths seen: " + seen.stream().distinct().toList());
        assertArrayEquals(big, store.get(KEY).orElseThrow());
    }

    @Test
    void keepsObjectsReadableByTheServiceAlone() throws IOException {
        LocalFolderStore store = store();
        store.put(KEY, bytes("sealed"));
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(store.root().resolve(KEY));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), permissions);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escaped", "..", ".", "a/b", "/etc/passwd", "a\\b", "Upper", "", "-leading", "a.b",
            "a b", "a\u0000b", "ａ", "key\n", ".put-123.tmp"})
    void refusesKeysThatCouldLeaveTheFolderOrAreNotKeys(String key) throws IOException {
        LocalFolderStore store = store();
        assertThrows(IllegalArgumentException.class, () -> store.put(key, bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> store.get(key));
        assertThrows(IllegalArgumentException.class, () -> store.delete(key));
        assertEquals(List.of(), names(store.root()));
        assertEquals(List.of("documents"), names(folder), "nothing written beside the folder");
    }

    @Test
    void refusesKeysLongerThanEightyCharacters() {
        LocalFolderStore store = store();
        store.put("k".repeat(80), bytes("x"));
        assertThrows(IllegalArgumentException.class, () -> store.put("k".repeat(81), bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> store.get(null));
    }

    @Test
    void findsItsObjectsAgainAfterARestart() {
        store().put(KEY, bytes("kept"));
        assertArrayEquals(bytes("kept"), store().get(KEY).orElseThrow());
        assertFalse(store().get("other").isPresent());
    }
}
