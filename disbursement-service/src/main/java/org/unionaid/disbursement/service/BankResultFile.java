package org.unionaid.disbursement.service;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.unionaid.common.problem.ProblemException;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The bank's result file, read whole before anything is applied: {@code reference,status,amount,message} with that
 * header, status SUCCESS or FAILED, one line per reference, ending with a line break (a file cut short ends inside a
 * line). Any line that cannot be read makes the whole file a 400 problem naming the line, with nothing applied. Bytes
 * are UTF-8 unless the request names another charset (GBK); bytes that are not valid in it are refused, never
 * replaced. A UTF-8 byte-order mark is allowed (spreadsheets write one).
 */
public final class BankResultFile {

    public enum Outcome { SUCCESS, FAILED }

    /** A line of the result; {@code line} counts from 1 (the header). */
    public record Line(int line, String reference, Outcome outcome, BigDecimal amount, String message) {
    }

    public static final List<String> HEADER = List.of("reference", "status", "amount", "message");
    /** Lines a result file may have (a bank file has at most as many payouts). */
    public static final int MAX_LINES = 20_000;
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}(\\.\\d{1,2})?");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private BankResultFile() {
    }

    public static List<Line> parse(byte[] body, Charset charset) {
        String text = CsvText.decode(body, charset, "result-file-encoding");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isEmpty()) {
            throw problem("result-file-empty", 1);
        }
        if (!text.endsWith("\n")) {
            throw problem("result-file-truncated", CsvText.lineOf(text, text.length()));
        }
        List<Line> lines = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        try (CSVParser csv = CSVParser.parse(new StringReader(text), FORMAT)) {
            for (CSVRecord record : csv) {
                int line = (int) record.getRecordNumber();
                if (line == 1) {
                    if (!HEADER.equals(record.toList().stream().map(String::trim).toList())) {
                        throw problem("result-file-header", 1);
                    }
                    continue;
                }
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                if (lines.size() == MAX_LINES) {
                    throw problem("result-file-too-long", line, MAX_LINES);
                }
                Line parsed = line(record, line);
                Integer first = seen.putIfAbsent(parsed.reference(), line);
                if (first != null) {
                    throw problem("result-line-duplicate", line, first);
                }
                lines.add(parsed);
            }
        } catch (IOException | UncheckedIOException e) {
            // An unclosed quote: the file ends inside a line.
            throw problem("result-file-truncated", CsvText.lineOf(text, text.length() - 1));
        }
        if (lines.isEmpty()) {
            throw problem("result-file-empty", 2);
        }
        return lines;
    }

    private static Line line(CSVRecord record, int line) {
        if (record.size() != HEADER.size()) {
            throw problem("result-line-malformed", line);
        }
        String reference = record.get(0).trim();
        String status = record.get(1).trim();
        String amount = record.get(2).trim();
        String message = record.get(3).trim();
        if (reference.isEmpty() || reference.length() > 100 || message.length() > 1000 || !AMOUNT.matcher(amount).matches()
                || !(status.equals("SUCCESS") || status.equals("FAILED"))
                || hasControl(reference) || hasControl(message)) {
            throw problem("result-line-malformed", line);
        }
        return new Line(line, reference, Outcome.valueOf(status), new BigDecimal(amount).setScale(2),
                message.isEmpty() ? null : message);
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** A 400 naming the line: in the detail, and as the violation's field ("line 7"). */
    static ProblemException problem(String code, int line, Object... more) {
        return CsvText.problem(400, code, line, more);
    }

    static ProblemException problem(int status, String code, int line, Object... more) {
        return CsvText.problem(status, code, line, more);
    }
}
