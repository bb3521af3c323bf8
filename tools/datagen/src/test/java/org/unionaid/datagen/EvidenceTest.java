package org.unionaid.datagen;

import org.junit.jupiter.api.Test;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.documents.DocumentChecks;
import org.unionaid.documents.DocumentType;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvidenceTest {

    @Test
    void theConsentFormIsAWholePdfTheServicesAcceptAndNamesItsFileOnly() {
        byte[] form = Evidence.consentForm(4001);
        assertEquals(DocumentType.PDF, DocumentChecks.check(Evidence.PDF, form));
        String text = new String(form, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("hardship file 4001:"), text);
        assertTrue(text.endsWith("%%EOF\n"), text);
        // the stream's declared length is the length of what it holds
        int start = text.indexOf("stream\n") + "stream\n".length();
        int end = text.indexOf("\nendstream");
        assertTrue(text.contains("/Length " + (end - start) + " "), text);
        assertFalse(Arrays.equals(form, Evidence.consentForm(4002)), "each file has its own form");
        // a PDF the services would take for another type is refused there: as a PNG it is a mismatch
        ProblemException mismatch = assertThrows(ProblemException.class, () -> DocumentChecks.check(Evidence.PNG, form));
        assertEquals("document-type-mismatch", mismatch.code());
        // cut short, it is no whole PDF
        assertEquals("document-truncated", assertThrows(ProblemException.class,
                () -> DocumentChecks.check(Evidence.PDF, Arrays.copyOf(form, form.length - 8))).code());
    }

    @Test
    void theReceiptIsAWholePngThatReadsBack() throws Exception {
        byte[] png = Evidence.receipt(7);
        assertEquals(DocumentType.PNG, DocumentChecks.check(Evidence.PNG, png));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(96, image.getWidth());
        assertEquals(64, image.getHeight());
        assertEquals(0x404040, image.getRGB(10, 7) & 0xffffff, "a ruled line");
        assertEquals(0xe0e0e7, image.getRGB(10, 6) & 0xffffff, "the paper, shaded by the application");
    }

    @Test
    void aTextThePdfCouldNotHoldPlainIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Evidence.pdf("同意书"));
        assertThrows(IllegalArgumentException.class, () -> Evidence.pdf("a (bracket"));
        assertThrows(IllegalArgumentException.class, () -> Evidence.pdf("a back\\slash"));
    }
}
