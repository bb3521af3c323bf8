package org.unionaid.registry.crypto;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class PersonalDataCipherTest {

    @Inject
    PersonalDataCipher cipher;

    @Test
    void aValueEncryptedTwiceGivesTwoCiphertextsThatBothDecryptToIt() {
        byte[] first = cipher.encrypt("110105196001010011", "purpose-a");
        byte[] second = cipher.encrypt("110105196001010011", "purpose-a");
        assertFalse(Arrays.equals(first, second), "a fresh nonce per value");
        assertEquals("110105196001010011", cipher.decrypt(first, "purpose-a"));
        assertEquals("110105196001010011", cipher.decrypt(second, "purpose-a"));
    }

    @Test
    void aFailedDecryptionLeavesTheThreadsCipherUsableForTheNextValue() {
        byte[] sealed = cipher.encrypt("李四", "purpose-a");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "purpose-b"));
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(tampered, "purpose-a"));
        assertEquals("李四", cipher.decrypt(sealed, "purpose-a"));
    }

    @Test
    void manyThreadsEncryptingDecryptingAndIndexingAtOnceEachGetTheirOwnValuesBack() throws Exception {
        int threads = 8;
        int perThread = 300;
        byte[] expectedIndex = cipher.blindIndex("110105196001010011");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Set<String>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    Set<String> seen = new HashSet<>();
                    for (int i = 0; i < perThread; i++) {
                        String value = "value-" + thread + "-" + i;
                        byte[] sealed = cipher.encrypt(value, "purpose-" + thread);
                        seen.add(cipher.decrypt(sealed, "purpose-" + thread));
                        assertArrayEquals(expectedIndex, cipher.blindIndex("110105196001010011"));
                    }
                    return seen;
                }));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                Set<String> seen = results.get(t).get();
                assertEquals(perThread, seen.size(), "thread " + t + " got every value back once");
                for (String value : seen) {
                    assertEquals(true, value.startsWith("value-" + t + "-"), value + " belongs to thread " + t);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
