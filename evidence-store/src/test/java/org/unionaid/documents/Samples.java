package org.unionaid.documents;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Real documents for the tests: images from the JDK's encoders, a well-formed PDF built by hand. */
final class Samples {

    /** What a consent form of a real household might say: must never be found at rest. */
    static final String SECRET_TEXT = "Consent of Wang Fang, ID 110101199003070002";

    private Samples() {
    }

    static byte[] pdf() {
        return pdf(SECRET_TEXT, 0);
    }

    /** A one-page PDF with {@code text} on it and a comment of {@code padding} bytes after the header. */
    static byte[] pdf(String text, int padding) {
        String content = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                    + " /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        if (padding > 0) {
            pdf.append('%').append("p".repeat(padding - 2)).append('\n');
        }
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A PDF of exactly {@code size} bytes. */
    static byte[] pdfOfSize(int size) {
        int padding = size - pdf(SECRET_TEXT, 0).length;
        // The padding lengthens the number after startxref by a few digits: take them off once.
        padding -= pdf(SECRET_TEXT, padding).length - size;
        byte[] pdf = pdf(SECRET_TEXT, padding);
        if (pdf.length != size) {
            throw new IllegalStateException("PDF of " + pdf.length + " bytes, wanted " + size);
        }
        return pdf;
    }

    static byte[] png() {
        return image("png");
    }

    static byte[] jpeg() {
        return image("jpeg");
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.BLUE);
        g.drawString("ok", 10, 30);
        g.dispose();
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

    static byte[] cut(byte[] bytes, int dropAtEnd) {
        return Arrays.copyOf(bytes, bytes.length - dropAtEnd);
    }

    static byte[] append(byte[] bytes, String tail) {
        byte[] extra = tail.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = Arrays.copyOf(bytes, bytes.length + extra.length);
        System.arraycopy(extra, 0, out, bytes.length, extra.length);
        return out;
    }

    /** Whether {@code part} occurs anywhere in {@code bytes}. */
    static boolean contains(byte[] bytes, byte[] part) {
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
