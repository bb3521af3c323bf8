package org.unionaid.testsupport;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Evidence documents for the services' tests: a PDF with a line of text, images from the JDK's encoders. */
public final class DocumentSamples {

    private DocumentSamples() {
    }

    /** A one-page PDF that says {@code text}, padded by a comment to at least {@code size} bytes; ends in %%EOF. */
    public static byte[] pdf(String text, int size) {
        String head = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n"
                + "4 0 obj << >> stream\nBT (" + text + ") Tj ET\nendstream endobj\n";
        String tail = "trailer << /Root 1 0 R >>\n%%EOF\n";
        int padding = Math.max(0, size - head.length() - tail.length() - 2);
        String pad = padding == 0 ? "" : "%" + "p".repeat(padding) + "\n";
        return (head + pad + tail).getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] pdf(String text) {
        return pdf(text, 0);
    }

    public static byte[] png() {
        return image("png");
    }

    public static byte[] jpeg() {
        return image("jpeg");
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0x3366cc);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Lower-case hex SHA-256, as the services answer it. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code part} occurs anywhere in {@code bytes}. */
    public static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
