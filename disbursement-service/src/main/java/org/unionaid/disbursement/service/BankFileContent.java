package org.unionaid.disbursement.service;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.disbursement.client.RegistryDtos.BankAccount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The text of a bank file (代发文件): a header line, one line per payout (its reference, the account's name, number and
 * bank, the amount) and a control-total line ({@code CONTROL_TOTAL,count,total}); RFC 4180 CSV (CRLF, quotes where
 * needed) by commons-csv. Built once at export; its UTF-8 bytes are what is stored, digested and sent.
 */
public final class BankFileContent {

    public static final List<String> HEADER = List.of("reference", "account_name", "account_number", "bank_name", "amount");
    public static final String CONTROL_TOTAL = "CONTROL_TOTAL";
    public static final Charset GBK = Charset.forName("GBK");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    /** One payout as its line shows it. */
    public record Line(String reference, BankAccount account, BigDecimal amount) {
    }

    private BankFileContent() {
    }

    /** The file's text; the same lines in the same order give the same text. */
    public static String text(List<Line> lines) {
        StringBuilder out = new StringBuilder(lines.size() * 80 + 64);
        BigDecimal total = BigDecimal.ZERO;
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            csv.printRecord(HEADER);
            for (Line line : lines) {
                csv.printRecord(line.reference(), line.account().accountName(), line.account().accountNumber(),
                        line.account().bankName(), line.amount().toPlainString());
                total = total.add(line.amount());
            }
            csv.printRecord(CONTROL_TOTAL, lines.size(), total.toPlainString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The same text in GBK, or 422 not-encodable naming the first line with a character GBK lacks (a rare name
     * character): never a '?' in place of a name the bank would then refuse.
     */
    public static byte[] gbk(long fileId, String text) {
        CharsetEncoder encoder = GBK.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer bytes = encoder.encode(CharBuffer.wrap(text));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw ProblemException.unprocessable("not-encodable", firstUnencodableLine(text), fileId);
        }
    }

    private static int firstUnencodableLine(String text) {
        CharsetEncoder encoder = GBK.newEncoder();
        int line = 1;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            int cp = text.codePointAt(i);
            if (cp == '\n') {
                line++;
            } else if (!encoder.canEncode(new String(Character.toChars(cp)))) {
                return line;
            }
        }
        return line;
    }
}
