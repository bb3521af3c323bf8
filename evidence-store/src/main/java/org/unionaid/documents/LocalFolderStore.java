package org.unionaid.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Objects as files of one folder, named by their keys. A put writes a temporary file in the same
 * folder (owner-only, as {@link Files#createTempFile} makes them), forces it to disk, then publishes
 * it under its key in one atomic step, so a reader sees the whole object or none, and a crash leaves
 * at most a temporary file (named {@code .put-*}, which no key can be).
 * <p>
 * Publishing is a hard link rather than a rename: a link fails when the name is taken, where a rename
 * would silently replace the object another writer published a moment before (Java has no
 * rename-unless-exists). Only where the file system has no hard links does it fall back to an atomic
 * rename after checking the name is free.
 */
public final class LocalFolderStore implements DocumentStore {

    static final String TEMP_PREFIX = ".put-";

    private final Path root;

    public LocalFolderStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new StoreFailure("Document folder " + this.root + " cannot be created", e);
        }
    }

    /** The folder the objects are in. */
    public Path root() {
        return root;
    }

    @Override
    public void put(String key, byte[] sealed) {
        Path target = path(key);
        if (WriteOnce.alreadyThere(this, key, sealed)) {
            return;
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(root, TEMP_PREFIX, ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(sealed);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            publish(temp, target, key, sealed);
            syncFolder();
        } catch (IOException e) {
            throw new StoreFailure("Object " + key + " could not be written to " + root, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private void publish(Path temp, Path target, String key, byte[] sealed) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            // Another writer published this key first: fine when it wrote the same bytes.
            if (!WriteOnce.alreadyThere(this, key, sealed)) {
                throw new ObjectConflict(key);
            }
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (Files.exists(target)) {
                if (!WriteOnce.alreadyThere(this, key, sealed)) {
                    throw new ObjectConflict(key);
                }
                return;
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        Path path = path(key);
        try {
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreFailure("Object " + key + " could not be read from " + root, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            if (Files.deleteIfExists(path(key))) {
                syncFolder();
            }
        } catch (IOException e) {
            throw new StoreFailure("Object " + key + " could not be deleted from " + root, e);
        }
    }

    private Path path(String key) {
        Path path = root.resolve(DocumentStore.requireKey(key));
        if (!root.equals(path.getParent())) {
            throw new IllegalArgumentException("Object key must name a file in the document folder");
        }
        return path;
    }

    /** The folder's entry for the new name on disk too, or a crash could lose a published object. */
    private void syncFolder() {
        try (FileChannel folder = FileChannel.open(root, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException | UncheckedIOException e) {
            // Some systems cannot open a folder for syncing (Windows); the file itself is on disk already.
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // A leftover .put-* file holds only sealed bytes and no key can name it.
            }
        }
    }
}
