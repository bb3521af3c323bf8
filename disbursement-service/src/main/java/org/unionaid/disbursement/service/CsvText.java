package org.unionaid.disbursement.service;

import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.List;
import java.util.Map;

/**
 * What the CSV files staff upload share (a bank's result file, a bulk enrolment): bytes decoded strictly in their
 * charset (bytes not valid in it are refused, never replaced) and problems naming the line.
 */
final class CsvText {

    private CsvText() {
    }

    /** The text of {@code body}; a 400 {@code encodingProblem} naming the line of the first byte not valid in the charset. */
    static String decode(byte[] body, Charset charset, String encodingProblem) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate((int) (body.length * (double) decoder.maxCharsPerByte()) + 1);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            for (int i = 0; i < bad; i++) {
                if (body[i] == '\n') {
                    line++;
                }
            }
            throw problem(400, encodingProblem, line, charset.name());
        }
        try {
            var flushed = decoder.flush(out);
            if (flushed.isError()) {
                flushed.throwException();
            }
        } catch (CharacterCodingException e) {
            throw problem(400, encodingProblem, lineOf(out.flip().toString(), out.limit()), charset.name());
        }
        return out.flip().toString();
    }

    /** The line (from 1) of the character at {@code end}. */
    static int lineOf(String text, int end) {
        int line = 1;
        for (int i = 0; i < end && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** A problem naming the line: in the detail (its first argument), and as the violation's field ("line 7"). */
    static ProblemException problem(int status, String code, int line, Object... more) {
        Object[] args = new Object[more.length + 1];
        args[0] = line;
        System.arraycopy(more, 0, args, 1, more.length);
        return new ProblemException(status, code, List.of(Violation.keyed("line " + line, code, args)), Map.of(), args);
    }
}
