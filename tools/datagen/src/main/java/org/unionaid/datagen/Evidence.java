package org.unionaid.datagen;

import com.fasterxml.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The story's papers, through the gateway as a station's clerk attaches them: a signed consent form (PDF) on each
 * of its files, the hospital bills (two PDF invoices and a photographed receipt, PNG) on its serious-illness
 * application. A paper whose kind is already there is not attached again, so a second pass adds nothing.
 */
final class Evidence {

    static final String PDF = "application/pdf";
    static final String PNG = "image/png";

    private final Api api;
    private final String gateway;
    private final String station;
    private final String clerk;

    Evidence(Api api, String gateway, String station, String clerk) {
        this.api = api;
        this.gateway = gateway;
        this.station = station;
        this.clerk = clerk;
    }

    /** The file's consent form, unless it has one; whether one was attached. */
    boolean consent(long file) {
        String documents = "/api/v1/workers/" + file + "/documents";
        if (kinds(documents).contains("CONSENT")) {
            return false;
        }
        attach(documents, "CONSENT", PDF, consentForm(file));
        return true;
    }

    /** The application's medical bills, unless it has some; how many were attached. */
    int medicalBills(long application) {
        String documents = "/api/v1/applications/" + application + "/documents";
        if (kinds(documents).contains("MEDICAL_BILL")) {
            return 0;
        }
        attach(documents, "MEDICAL_BILL", PDF, pdf("Hospital invoice 1 of 3, application " + application + ": inpatient care"));
        attach(documents, "MEDICAL_BILL", PDF, pdf("Hospital invoice 2 of 3, application " + application + ": medicines"));
        attach(documents, "MEDICAL_BILL", PNG, receipt(application));
        return 3;
    }

    /** The consent form of a file: ASCII text naming the file only (no personal data in the demo's papers). */
    static byte[] consentForm(long file) {
        return pdf("Consent form, hardship file " + file + ": the household agrees to the checks of its means. Signed.");
    }

    /** A one-page PDF that says {@code text} (printable ASCII, no parentheses or backslashes); ends in %%EOF. */
    static byte[] pdf(String text) {
        if (!text.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '(' && c != ')' && c != '\\')) {
            throw new IllegalArgumentException("a demo PDF says plain ASCII only: " + text);
        }
        String content = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
        String pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                + " /Resources << /Font << /F1 5 0 R >> >> >> endobj\n"
                + "4 0 obj << /Length " + content.length() + " >> stream\n" + content + "\nendstream endobj\n"
                + "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n";
        return pdf.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A small photographed receipt: a grey sheet with ruled lines, its shade set by the application. */
    static byte[] receipt(long application) {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        int paper = 0xe0e0e0 + (int) Math.floorMod(application, 16);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, y % 8 == 7 && x > 4 && x < 91 ? 0x404040 : paper);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Set<String> kinds(String documents) {
        JsonNode page = Api.expect(api.send("GET", gateway + documents + "?limit=100", null, "clerk", station, clerk),
                "list " + documents);
        Set<String> kinds = new HashSet<>();
        for (JsonNode d : page.path("items")) {
            kinds.add(d.path("kind").asText());
        }
        return kinds;
    }

    private void attach(String documents, String kind, String contentType, byte[] bytes) {
        Api.expect(api.upload(gateway + documents, bytes, contentType, kind, station, clerk), "attach a " + kind + " to " + documents);
    }
}
