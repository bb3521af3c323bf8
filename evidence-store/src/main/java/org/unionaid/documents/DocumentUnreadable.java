package org.unionaid.documents;

/**
 * A stored document that cannot be given back as it was stored: its object is gone, does not open
 * under its key (damaged, sealed with a key no longer configured, or another document's object put in
 * its place), or opens to bytes of another size or SHA-256 than recorded. Not the client's fault: a
 * service answers it as an internal error and tells an operator. The message carries no content.
 */
public final class DocumentUnreadable extends IllegalStateException {

    /** Why. */
    public enum Reason { MISSING, UNSEALABLE, DIGEST_MISMATCH }

    private final transient Reason reason;

    DocumentUnreadable(String key, Reason reason) {
        super("Document " + key + " cannot be read: " + reason);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
