package org.unionaid.documents;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The three types a document may have, each recognised by its first bytes and complete only when its
 * end marker is there: a file cut short in the upload is refused rather than stored.
 */
public enum DocumentType {

    PDF("application/pdf", "%%EOF", bytes("%PDF-")) {
        @Override
        boolean complete(byte[] b) {
            // Readers look for the trailer in the last 1024 bytes; after the last %%EOF only line ends
            // and padding may follow (anything else is an update that was cut off).
            int from = Math.max(MAGIC_PDF.length, b.length - 1024);
            int eof = lastIndexOf(b, EOF_MARK, from);
            if (eof < 0) {
                return false;
            }
            for (int i = eof + EOF_MARK.length; i < b.length; i++) {
                if (!isPdfWhitespace(b[i])) {
                    return false;
                }
            }
            return true;
        }
    },

    JPEG("image/jpeg", "FF D9", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}) {
        @Override
        boolean complete(byte[] b) {
            return b.length >= 5 && b[b.length - 2] == (byte) 0xFF && b[b.length - 1] == (byte) 0xD9;
        }
    },

    PNG("image/png", "IEND", new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}) {
        @Override
        boolean complete(byte[] b) {
            // Walks the chunks (length, type, data, CRC): the first is IHDR, the last IEND, ending the file.
            int at = 8;
            boolean first = true;
            while (b.length - at >= 12) {
                long length = ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
                String type = new String(b, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (first && !type.equals("IHDR") || length > Integer.MAX_VALUE || length > b.length - at - 12L) {
                    return false;
                }
                first = false;
                at += 12 + (int) length;
                if (type.equals("IEND")) {
                    return length == 0 && at == b.length;
                }
            }
            return false;
        }
    };

    private static final byte[] MAGIC_PDF = bytes("%PDF-");
    private static final byte[] EOF_MARK = bytes("%%EOF");

    private final String mediaType;
    private final String endMarker;
    private final byte[] magic;

    DocumentType(String mediaType, String endMarker, byte[] magic) {
        this.mediaType = mediaType;
        this.endMarker = endMarker;
        this.magic = magic;
    }

    /** The media type, as stored and as served back. */
    public String mediaType() {
        return mediaType;
    }

    /** What a complete file of this type ends with, as the truncation problem names it. */
    String endMarker() {
        return endMarker;
    }

    /** Whether the bytes hold a whole file of this type (its magic number already checked). */
    abstract boolean complete(byte[] bytes);

    /** The type a Content-Type header names: type/subtype, case-insensitive, parameters ignored. */
    public static Optional<DocumentType> ofMediaType(String contentType) {
        if (contentType == null || contentType.length() > 200) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        String essence = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.mediaType.equals(essence)).findFirst();
    }

    /** The type the bytes begin like, if any. */
    public static Optional<DocumentType> sniff(byte[] bytes) {
        return Arrays.stream(values()).filter(type -> startsWith(bytes, type.magic)).findFirst();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int lastIndexOf(byte[] bytes, byte[] part, int from) {
        for (int i = bytes.length - part.length; i >= from; i--) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isPdfWhitespace(byte b) {
        return b == '\r' || b == '\n' || b == ' ' || b == '\t' || b == '\f' || b == 0;
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
