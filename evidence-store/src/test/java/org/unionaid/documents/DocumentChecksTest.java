package org.unionaid.documents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unionaid.common.problem.ProblemException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DocumentChecksTest {

    private static ProblemException refused(String contentType, byte[] bytes) {
        return assertThrows(ProblemException.class, () -> DocumentChecks.check(contentType, bytes));
    }

    private static void assertProblem(ProblemException e, int status, String code, Object... args) {
        assertEquals(status, e.status(), e.code());
        assertEquals(code, e.code());
        assertEquals(List.of(args), List.of(e.args()));
    }

    private static void assertAllTruncated(String type, String endMarker, byte[]... cuts) {
        for (byte[] cut : cuts) {
            assertProblem(refused(type, cut), 400, "document-truncated", type, endMarker);
        }
    }

    @Test
    void acceptsWholeFilesOfTheThreeTypesTheyClaim() {
        assertEquals(DocumentType.PDF, DocumentChecks.check("application/pdf", Samples.pdf()));
        assertEquals(DocumentType.PNG, DocumentChecks.check("image/png", Samples.png()));
        assertEquals(DocumentType.JPEG, DocumentChecks.check("image/jpeg", Samples.jpeg()));
    }

    @Test
    void readsTheContentTypeAsHttpDoesCaseInsensitiveWithParameters() {
        assertEquals(DocumentType.PDF, DocumentChecks.check("Application/PDF; name=consent.pdf", Samples.pdf()));
        assertEquals(DocumentType.PNG, DocumentChecks.check(" image/png ", Samples.png()));
    }

    @Test
    void refusesBytesOfAnotherTypeThanClaimedNamingBoth() {
        assertProblem(refused("application/pdf", Samples.png()), 415, "document-type-mismatch", "application/pdf", "image/png");
        assertProblem(refused("image/png", Samples.jpeg()), 415, "document-type-mismatch", "image/png", "image/jpeg");
        assertProblem(refused("image/jpeg", Samples.pdf()), 415, "document-type-mismatch", "image/jpeg", "application/pdf");
    }

    @Test
    void refusesBytesOfNoAcceptedTypeWithoutRepeatingThem() {
        byte[] text = Samples.SECRET_TEXT.getBytes(StandardCharsets.UTF_8);
        ProblemException e = refused("application/pdf", text);
        assertProblem(e, 415, "document-type-unrecognised", "application/pdf");
        // a GIF, a ZIP (e.g. .docx) and a PDF magic with a byte missing
        assertEquals("document-type-unrecognised", refused("image/png", "GIF89a....".getBytes(StandardCharsets.US_ASCII)).code());
        assertEquals("document-type-unrecognised", refused("application/pdf", new byte[]{'P', 'K', 3, 4, 0, 0}).code());
        assertEquals("document-type-unrecognised", refused("application/pdf", "%PDF".getBytes(StandardCharsets.US_ASCII)).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "image/gif", "application/octet-stream", "application/pdfx", "image/jpg", "", "*/*"})
    void refusesContentTypesOtherThanTheThree(String contentType) {
        assertProblem(refused(contentType, Samples.pdf()), 415, "document-type-unsupported",
                "application/pdf, image/jpeg, image/png");
    }

    @Test
    void refusesAMissingContentType() {
        assertEquals(415, refused(null, Samples.pdf()).status());
    }

    @Test
    void refusesAnEmptyDocument() {
        assertProblem(refused("application/pdf", new byte[0]), 400, "document-empty");
        assertProblem(refused("application/pdf", null), 400, "document-empty");
    }

    @Test
    void refusesAPdfCutShort() {
        byte[] pdf = Samples.pdf();
        assertAllTruncated("application/pdf", "%%EOF", Samples.cut(pdf, 1 + "%%EOF\n".length()), Samples.cut(pdf, 3),
                Arrays.copyOf(pdf, pdf.length / 2), Arrays.copyOf(pdf, 5));
    }

    @Test
    void refusesAPdfWhoseLastUpdateWasCutOff() {
        // An incremental update appended after the first %%EOF and cut before its own trailer.
        byte[] updated = Samples.append(Samples.pdf(), "6 0 obj\n<< /Type /Annot >>\nendobj\nxref\n0 1\n");
        assertEquals("document-truncated", refused("application/pdf", updated).code());
    }

    @Test
    void acceptsLineEndsAndPaddingAfterThePdfTrailer() {
        byte[] pdf = Samples.append(Samples.cut(Samples.pdf(), 1), "\r\n\0\0 ");
        assertEquals(DocumentType.PDF, DocumentChecks.check("application/pdf", pdf));
    }

    @Test
    void refusesAPdfWithAnythingButWhitespaceAfterItsTrailer() {
        byte[] pdf = Samples.append(Samples.pdf(), "%comment");
        assertEquals("document-truncated", refused("application/pdf", pdf).code());
    }

    @Test
    void refusesAPdfWhoseTrailerIsNotInItsLastKilobyte() {
        assertEquals(DocumentType.PDF, DocumentChecks.check("application/pdf", Samples.append(Samples.pdf(), " ".repeat(1000))));
        byte[] pdf = Samples.append(Samples.pdf(), " ".repeat(1030));
        assertEquals("document-truncated", refused("application/pdf", pdf).code());
    }

    @Test
    void refusesAPngCutShortOrWithItsChunksBroken() {
        byte[] png = Samples.png();
        assertAllTruncated("image/png", "IEND", Samples.cut(png, 1), Samples.cut(png, 12),
                Arrays.copyOf(png, png.length / 2), Arrays.copyOf(png, 8));
        assertEquals("document-truncated", refused("image/png", Samples.append(png, "tail")).code());
        byte[] longChunk = png.clone();
        longChunk[8] = 0x7F; // IHDR claims 2 GB of data
        assertEquals("document-truncated", refused("image/png", longChunk).code());
        byte[] noHeader = png.clone();
        noHeader[12] = 'X'; // the first chunk is not IHDR
        assertEquals("document-truncated", refused("image/png", noHeader).code());
    }

    @Test
    void refusesAJpegWithoutItsEndMarker() {
        byte[] jpeg = Samples.jpeg();
        assertAllTruncated("image/jpeg", "FF D9", Samples.cut(jpeg, 1), Samples.cut(jpeg, 2),
                Arrays.copyOf(jpeg, jpeg.length / 2), Arrays.copyOf(jpeg, 3));
    }

    @Test
    void acceptsExactlyTenMebibytes() {
        byte[] pdf = Samples.pdfOfSize(10 * 1024 * 1024);
        assertEquals(DocumentType.PDF, DocumentChecks.check("application/pdf", pdf));
    }

    @Test
    void refusesOneByteMoreThanTenMebibytes() {
        byte[] pdf = Samples.pdfOfSize(10 * 1024 * 1024 + 1);
        assertProblem(refused("application/pdf", pdf), 413, "document-too-large", 10, 10 * 1024 * 1024);
    }

    @Test
    void readsABodyOfTenMebibytesWhole() {
        byte[] pdf = Samples.pdfOfSize(DocumentChecks.MAX_BYTES);
        assertArrayEquals(pdf, DocumentChecks.readBody(new ByteArrayInputStream(pdf)));
    }

    @Test
    void stopsReadingABodyOneByteBeyondTheLimit() {
        // An endless body: refused once it passes the limit, not read to its (absent) end.
        Endless endless = new Endless();
        ProblemException e = assertThrows(ProblemException.class, () -> DocumentChecks.readBody(endless));
        assertProblem(e, 413, "document-too-large", 10, 10 * 1024 * 1024);
        assertEquals(DocumentChecks.MAX_BYTES + 1L, endless.read);
    }

    /** A body that never ends, counting what was read of it. */
    private static final class Endless extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'x');
            read += len;
            return len;
        }
    }
}
