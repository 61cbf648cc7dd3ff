package org.tusk.engine.func;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.NumericSpecial;

/**
 * to_char for numbers (formatting.c's NUM_ templates in the C locale): 9 0 . D
 * , G S MI PL SG PR L TH th V EEEE RN rn FM, double-quoted literals and other
 * characters copied through.  The template is first summarised (digits before
 * and after the point, where zero-filling starts, sign placement), the value
 * rounded to the template's decimals and printed, then the template is walked
 * once, emitting blanks, digits, signs and literals as PostgreSQL's
 * NUM_processor does.  Like the C original, the output stops at the end of a
 * digit string that is shorter than the template (" NaN").
 */
final class NumericToChar {
    private NumericToChar() {}

    enum Key { NINE, ZERO, DEC, D, COMMA, G, S, MI, PL, SG, PR, L, TH, THL, V, EEEE, RN, RNL, FM, B }

    private record Node(Key key, String literal) {}

    /** NUMDesc: what the template asks for. */
    private static final class Desc {
        int pre, post, multi, zeroStart, zeroEnd, preLsignNum;
        boolean decimal, zero, fill, lsign, lsignPre, bracket, minus, plus, minusPost, plusPost, roman, eeee, multiFlag;
    }

    private static final String[][] KEYWORDS = {
        {",", "COMMA"}, {".", "DEC"}, {"0", "ZERO"}, {"9", "NINE"}, {"B", "B"}, {"D", "D"}, {"EEEE", "EEEE"},
        {"FM", "FM"}, {"G", "G"}, {"L", "L"}, {"MI", "MI"}, {"PL", "PL"}, {"PR", "PR"}, {"RN", "RN"}, {"SG", "SG"},
        {"S", "S"}, {"TH", "TH"}, {"V", "V"},
        {"b", "B"}, {"d", "D"}, {"eeee", "EEEE"}, {"fm", "FM"}, {"g", "G"}, {"l", "L"}, {"mi", "MI"}, {"pl", "PL"},
        {"pr", "PR"}, {"rn", "RNL"}, {"sg", "SG"}, {"s", "S"}, {"th", "THL"}, {"v", "V"},
    };

    private static List<Node> parse(String fmt) {
        List<Node> nodes = new ArrayList<>();
        int i = 0;
        outer:
        while (i < fmt.length()) {
            for (String[] k : KEYWORDS) {
                if (fmt.startsWith(k[0], i)) {
                    nodes.add(new Node(Key.valueOf(k[1]), null));
                    i += k[0].length();
                    continue outer;
                }
            }
            char c = fmt.charAt(i);
            if (c == '"') {
                i++;
                while (i < fmt.length()) {
                    char q = fmt.charAt(i);
                    if (q == '"') {
                        i++;
                        break;
                    }
                    if (q == '\\' && i + 1 < fmt.length()) {
                        i++;
                    }
                    int cp = fmt.codePointAt(i);
                    nodes.add(new Node(null, new String(Character.toChars(cp))));
                    i += Character.charCount(cp);
                }
                continue;
            }
            if (c == '\\' && i + 1 < fmt.length() && fmt.charAt(i + 1) == '"') {
                i++;
            }
            int cp = fmt.codePointAt(i);
            nodes.add(new Node(null, new String(Character.toChars(cp))));
            i += Character.charCount(cp);
        }
        return nodes;
    }

    static void register() {
        FunctionRegistry.bind("numeric_to_char", (a, c) -> format(a[0], (String) a[1], 0, false));
        FunctionRegistry.bind("int4_to_char", (a, c) -> format(BigDecimal.valueOf((Integer) a[0]), (String) a[1], 0, false));
        FunctionRegistry.bind("int8_to_char", (a, c) -> format(BigDecimal.valueOf((Long) a[0]), (String) a[1], 0, false));
        FunctionRegistry.bind("float4_to_char", (a, c) -> format(floatValue((Float) a[0]), (String) a[1], 6, true));
        FunctionRegistry.bind("numeric_to_number", (a, c) -> toNumber((String) a[0], (String) a[1]));
        FunctionRegistry.bind("float8_to_char", (a, c) -> format(floatValue((Double) a[0]), (String) a[1], 15, true));
    }

    /**
     * to_number (numeric_to_number): the template walked over the input, NUM_processor's reading
     * direction — each digit position takes one input character, signs are found before the first
     * or after the last digit, other template characters skip one input character — and the
     * collected digits are read by numeric_in with precision and scale from the template and the
     * decimals actually read.
     */
    static Object toNumber(String input, String fmt) {
        List<Node> nodes = parse(fmt);
        Desc d = describe(nodes);
        if (d.roman) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "\"RN\" not supported for input");
        }
        if (d.eeee) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "\"EEEE\" not supported for input");
        }
        Reader r = new Reader(d, input);
        for (Node n : nodes) {
            if (r.pos >= input.length()) {
                break;
            }
            if (n.key() == null) {
                r.pos += Character.charCount(input.codePointAt(r.pos));
                continue;
            }
            switch (n.key()) {
                case NINE: case ZERO: case DEC: case D:
                    r.numpart(n.key());
                    break;
                case COMMA: case G:
                    if (!r.numIn && d.fill) {
                        continue;
                    }
                    if (input.startsWith(",", r.pos)) {
                        break;
                    }
                    continue;
                case L:
                    r.eatNonData(1);
                    continue;
                case TH: case THL:
                    r.eatNonData(2);
                    continue;
                case MI:
                    if (input.charAt(r.pos) == '-') {
                        r.sign = '-';
                        break;
                    }
                    r.eatNonData(1);
                    continue;
                case PL:
                    if (input.charAt(r.pos) == '+') {
                        r.sign = '+';
                        break;
                    }
                    r.eatNonData(1);
                    continue;
                case SG:
                    if (input.charAt(r.pos) == '-' || input.charAt(r.pos) == '+') {
                        r.sign = input.charAt(r.pos);
                        break;
                    }
                    r.eatNonData(1);
                    continue;
                default:
                    continue;
            }
            r.pos++;
        }
        String digits = r.number.toString();
        if (digits.endsWith(".")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        String numstr = (r.sign == ' ' ? "" : String.valueOf(r.sign)) + digits;
        int scale = r.readPost;
        int precision = d.pre + d.multi + scale;
        Object v;
        try {
            v = org.tusk.engine.types.TextFormat.parseNumericValue(numstr.isEmpty() ? " " : numstr);
        } catch (org.tusk.api.error.PgException e) {
            throw Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type numeric: \"" + (r.sign == ' ' ? " " : "") + numstr + "\"");
        }
        if (precision > 0) {
            v = org.tusk.engine.types.NumericSupport.applyTypmod(v,
                    org.tusk.engine.types.NumericSupport.makeTypmod(precision, scale));
        }
        if (d.multiFlag && v instanceof BigDecimal b) {
            // times power(10, -multi), whose display scale is 16 (numeric_mul adds the scales)
            v = b.scaleByPowerOfTen(-d.multi).setScale(b.scale() + Math.max(16, d.multi));
        }
        return v;
    }

    /** NUM_processor's reading state. */
    private static final class Reader {
        final Desc num;
        final String in;
        int pos;
        char sign = ' ';
        final StringBuilder number = new StringBuilder();
        boolean readDec;
        final boolean numIn = false; // to_number never sets num_in: FM skips separators before any digit
        int readPre, readPost;

        Reader(Desc num, String in) {
            this.num = num;
            this.in = in;
        }

        boolean end() {
            return pos >= in.length();
        }

        void eatNonData(int n) {
            while (n-- > 0 && !end() && "0123456789.,+-".indexOf(in.charAt(pos)) < 0) {
                pos += Character.charCount(in.codePointAt(pos));
            }
        }

        void numpart(Key id) {
            boolean isread = false;
            if (end()) {
                return;
            }
            if (in.charAt(pos) == ' ') {
                pos++;
            }
            if (end()) {
                return;
            }
            if (sign == ' ' && (id == Key.ZERO || id == Key.NINE) && readPre + readPost == 0) {
                char c = in.charAt(pos);
                if (num.lsign && num.lsignPre) {
                    if (c == '-' || c == '+') {
                        pos++;
                        sign = c;
                    }
                } else if (c == '-' || (num.bracket && c == '<')) {
                    sign = '-';
                    pos++;
                } else if (c == '+') {
                    sign = '+';
                    pos++;
                }
            }
            if (end()) {
                return;
            }
            char c = in.charAt(pos);
            if (c >= '0' && c <= '9') {
                if (readDec && readPost == num.post) {
                    return;
                }
                number.append(c);
                if (readDec) {
                    readPost++;
                } else {
                    readPre++;
                }
                isread = true;
            } else if (num.decimal && !readDec && c == '.') {
                number.append('.');
                readDec = true;
                isread = true;
            }
            if (end()) {
                return;
            }
            if (sign == ' ' && readPre + readPost > 0) {
                if (num.lsign && isread && pos + 1 < in.length() && !Character.isDigit(in.charAt(pos + 1))) {
                    char next = in.charAt(pos + 1);
                    if (next == '-' || next == '+') {
                        pos++;
                        sign = next;
                    }
                } else if (!isread && !num.lsign && (num.plus || num.minus)) {
                    if (c == '-' || c == '+') {
                        sign = c;
                    }
                }
            }
        }
    }

    private static Object floatValue(double v) {
        if (Double.isNaN(v)) {
            return NumericSpecial.NAN;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? NumericSpecial.POSITIVE_INFINITY : NumericSpecial.NEGATIVE_INFINITY;
        }
        return new BigDecimal(v);
    }

    private static RuntimeException syntax(String msg) {
        return Ereport.error(SqlState.SYNTAX_ERROR, msg);
    }

    private static Desc describe(List<Node> nodes) {
        Desc d = new Desc();
        for (Node n : nodes) {
            if (n.key() == null) {
                continue;
            }
            if (d.eeee && n.key() != Key.EEEE) {
                throw syntax("\"EEEE\" must be the last pattern used");
            }
            switch (n.key()) {
                case NINE:
                    if (d.bracket) {
                        throw syntax("\"9\" must be ahead of \"PR\"");
                    }
                    if (d.multiFlag) {
                        d.multi++;
                        break;
                    }
                    if (d.decimal) {
                        d.post++;
                    } else {
                        d.pre++;
                    }
                    break;
                case ZERO:
                    if (d.bracket) {
                        throw syntax("\"0\" must be ahead of \"PR\"");
                    }
                    if (!d.zero && !d.decimal) {
                        d.zero = true;
                        d.zeroStart = d.pre + 1;
                    }
                    if (!d.decimal) {
                        d.pre++;
                    } else {
                        d.post++;
                    }
                    d.zeroEnd = d.pre + d.post;
                    break;
                case B:
                    break;
                case DEC: case D:
                    if (d.decimal) {
                        throw syntax("multiple decimal points");
                    }
                    if (d.multiFlag) {
                        throw syntax("cannot use \"V\" and decimal point together");
                    }
                    d.decimal = true;
                    break;
                case FM:
                    d.fill = true;
                    break;
                case S:
                    if (d.lsign) {
                        throw syntax("cannot use \"S\" twice");
                    }
                    if (d.plus || d.minus || d.bracket) {
                        throw syntax("cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together");
                    }
                    if (!d.decimal) {
                        d.lsignPre = true;
                        d.preLsignNum = d.pre;
                    }
                    d.lsign = true;
                    break;
                case MI:
                    if (d.lsign) {
                        throw syntax("cannot use \"S\" and \"MI\" together");
                    }
                    d.minus = true;
                    if (d.decimal) {
                        d.minusPost = true;
                    }
                    break;
                case PL:
                    if (d.lsign) {
                        throw syntax("cannot use \"S\" and \"PL\" together");
                    }
                    d.plus = true;
                    if (d.decimal) {
                        d.plusPost = true;
                    }
                    break;
                case SG:
                    if (d.lsign) {
                        throw syntax("cannot use \"S\" and \"SG\" together");
                    }
                    d.minus = true;
                    d.plus = true;
                    break;
                case PR:
                    if (d.lsign || d.plus || d.minus) {
                        throw syntax("cannot use \"PR\" and \"S\"/\"PL\"/\"MI\"/\"SG\" together");
                    }
                    d.bracket = true;
                    break;
                case RN: case RNL:
                    d.roman = true;
                    break;
                case V:
                    if (d.decimal) {
                        throw syntax("cannot use \"V\" and decimal point together");
                    }
                    d.multiFlag = true;
                    break;
                case EEEE:
                    if (d.eeee) {
                        throw syntax("cannot use \"EEEE\" twice");
                    }
                    if (d.bracket || d.minus || d.plus || d.roman || d.multiFlag) {
                        throw syntax("\"EEEE\" is incompatible with other formats");
                    }
                    d.eeee = true;
                    break;
                default:
                    break;
            }
        }
        if (d.eeee && (d.lsign || d.bracket || d.minus || d.plus || d.roman || d.multiFlag)) {
            throw syntax("\"EEEE\" is incompatible with other formats");
        }
        return d;
    }

    /** to_char(numeric|int|float, text): {@code value} a BigDecimal or NumericSpecial; floats pass {@code digits}. */
    static String format(Object value, String fmt, int floatDigits, boolean isFloat) {
        List<Node> nodes = parse(fmt);
        Desc d = describe(nodes);
        if (d.roman) {
            String r;
            if (!(value instanceof BigDecimal v)) {
                r = "###############";
            } else {
                int n = v.setScale(0, RoundingMode.HALF_UP).intValue();
                r = n < 1 || n > 3999 || v.abs().compareTo(BigDecimal.valueOf(4000)) >= 0 ? "###############" : roman(n);
            }
            return process(nodes, d, r, 0, '+');
        }
        if (d.eeee) {
            String numstr;
            if (!(value instanceof BigDecimal v)) {
                numstr = " " + "#".repeat(d.pre) + "." + "#".repeat(d.post + 4);
            } else {
                numstr = scientific(v, d.post);
                if (!numstr.startsWith("-")) {
                    numstr = " " + numstr;
                }
            }
            return numstr;
        }
        String orgnum;
        if (!(value instanceof BigDecimal v)) {
            orgnum = value == NumericSpecial.NAN ? "NaN" : value == NumericSpecial.NEGATIVE_INFINITY ? "-Infinity" : "Infinity";
            if (isFloat && value != NumericSpecial.NAN) {
                // float8_to_char measures "%.0f" of the value, which PostgreSQL's printf writes as
                // "Infinity": eight characters, enough to leave float4 (FLT_DIG 6) no decimals
                if (8 >= floatDigits) {
                    d.post = 0;
                } else if (8 + d.post > floatDigits) {
                    d.post = floatDigits - 8;
                }
            }
        } else {
            if (d.multiFlag) {
                v = v.scaleByPowerOfTen(d.multi);
                d.pre += d.multi;
            }
            if (isFloat) {
                // as float8_to_char: no more than DBL_DIG (FLT_DIG) significant digits before the template's decimals
                int preLen = v.abs().setScale(0, RoundingMode.HALF_EVEN).toPlainString().length();
                if (preLen >= floatDigits) {
                    d.post = 0;
                } else if (preLen + d.post > floatDigits) {
                    d.post = floatDigits - preLen;
                }
            }
            orgnum = v.setScale(d.post, isFloat ? RoundingMode.HALF_EVEN : RoundingMode.HALF_UP).toPlainString();
            if (isFloat && v.signum() < 0 && !orgnum.startsWith("-")) {
                orgnum = "-" + orgnum; // printf keeps the sign of a negative value that rounds to zero
            }
        }
        char sign = '+';
        String numstr = orgnum;
        if (orgnum.startsWith("-")) {
            sign = '-';
            numstr = orgnum.substring(1);
        }
        int dot = numstr.indexOf('.');
        int preLen = dot >= 0 ? dot : numstr.length();
        int outPreSpaces = 0;
        if (preLen < d.pre) {
            outPreSpaces = d.pre - preLen;
        } else if (preLen > d.pre) {
            numstr = "#".repeat(d.pre) + "." + "#".repeat(d.post);
        }
        return process(nodes, d, numstr, outPreSpaces, sign);
    }

    private static String scientific(BigDecimal v, int post) {
        if (v.signum() == 0) {
            return "0" + (post > 0 ? "." + "0".repeat(post) : "") + "e+00";
        }
        int exp = v.precision() - v.scale() - 1;
        BigDecimal mant = v.scaleByPowerOfTen(-exp).setScale(post, RoundingMode.HALF_UP);
        if (mant.abs().compareTo(BigDecimal.TEN) >= 0) {
            exp++;
            mant = v.scaleByPowerOfTen(-exp).setScale(post, RoundingMode.HALF_UP);
        }
        return mant.toPlainString() + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    private static String roman(int n) {
        String[] th = {"", "M", "MM", "MMM"};
        String[] h = {"", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"};
        String[] t = {"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"};
        String[] o = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
        return th[n / 1000] + h[n / 100 % 10] + t[n / 10 % 10] + o[n % 10];
    }

    /** English ordinal suffix of the number's last digits. */
    private static String th(String number, boolean upper) {
        int end = number.length();
        char last = number.charAt(end - 1);
        boolean teen = end > 1 && number.charAt(end - 2) == '1';
        String s = teen ? "th" : last == '1' ? "st" : last == '2' ? "nd" : last == '3' ? "rd" : "th";
        return upper ? s.toUpperCase(Locale.ROOT) : s;
    }

    /** NUM_processor's to_char direction. */
    private static final class Proc {
        final Desc num;
        final String number; // digits, '\0' past the end as in C
        int numberP;
        final StringBuilder out = new StringBuilder();
        final char sign;
        boolean signWrote;
        int numCount, numCurr, outPreSpaces;
        int lastRelevant = -1;
        boolean numIn;

        Proc(Desc num, String number, int outPreSpaces, char sign) {
            this.num = num;
            this.number = number;
            this.outPreSpaces = outPreSpaces;
            this.sign = sign;
        }

        char at(int i) {
            return i < number.length() ? number.charAt(i) : '\0';
        }

        boolean predecSpace() {
            return !num.zero && numberP == 0 && at(0) == '0' && num.post != 0;
        }

        void numpart(Key id) {
            if (num.roman) {
                return;
            }
            numIn = false;
            if (!signWrote && (numCurr >= outPreSpaces || (num.zero && num.zeroStart == numCurr))
                    && (!predecSpace() || (lastRelevant >= 0 && at(lastRelevant) == '.'))) {
                if (num.lsign) {
                    if (num.lsignPre) {
                        out.append(sign == '-' ? '-' : '+');
                        signWrote = true;
                    }
                } else if (num.bracket) {
                    out.append(sign == '+' ? ' ' : '<');
                    signWrote = true;
                } else if (sign == '+') {
                    if (!num.fill) {
                        out.append(' ');
                    }
                    signWrote = true;
                } else if (sign == '-') {
                    out.append('-');
                    signWrote = true;
                }
            }
            if (id == Key.NINE || id == Key.ZERO || id == Key.D || id == Key.DEC) {
                if (numCurr < outPreSpaces && (num.zeroStart > numCurr || !num.zero)) {
                    if (!num.fill) {
                        out.append(' ');
                    }
                } else if (num.zero && numCurr < outPreSpaces && num.zeroStart <= numCurr) {
                    out.append('0');
                    numIn = true;
                } else {
                    if (at(numberP) == '.') {
                        if (lastRelevant < 0 || at(lastRelevant) != '.') {
                            out.append('.');
                        } else if (num.fill) {
                            out.append('.');
                        }
                    } else {
                        if (lastRelevant >= 0 && numberP > lastRelevant && id != Key.ZERO) {
                            // trailing zero dropped by FM
                        } else if (predecSpace()) {
                            if (!num.fill) {
                                out.append(' ');
                            } else if (lastRelevant >= 0 && at(lastRelevant) == '.') {
                                out.append('0');
                            }
                        } else {
                            out.append(at(numberP));
                            numIn = true;
                        }
                    }
                    if (at(numberP) != '\0') {
                        numberP++;
                    }
                }
                int end = numCount + (outPreSpaces > 0 ? 1 : 0) + (num.decimal ? 1 : 0);
                if (lastRelevant >= 0 && lastRelevant == numberP) {
                    end = numCurr;
                }
                if (numCurr + 1 == end) {
                    if (signWrote && num.bracket) {
                        out.append(sign == '+' ? ' ' : '>');
                    } else if (num.lsign && !num.lsignPre) {
                        out.append(sign == '-' ? '-' : '+');
                    }
                }
            }
            numCurr++;
        }
    }

    private static String process(List<Node> nodes, Desc num, String number, int outPreSpaces, char sign) {
        Proc p = new Proc(num, number, outPreSpaces, sign);
        if (num.zeroStart > 0) {
            num.zeroStart--; // 1-based in the template summary, 0-based against num_curr
        }
        if (num.plus || num.minus) {
            p.signWrote = !(num.plus && !num.minus);
        } else {
            if (sign != '-' && num.fill) {
                num.bracket = false;
            }
            p.signWrote = sign == '+' && num.fill && !num.lsign;
            if (num.lsignPre && num.pre == num.preLsignNum) {
                num.lsignPre = false;
            }
        }
        p.numCount = num.post + num.pre - 1;
        if (num.fill && num.decimal) {
            int dot = number.indexOf('.');
            if (dot >= 0) {
                int r = dot;
                for (int i = dot + 1; i < number.length(); i++) {
                    if (number.charAt(i) != '0') {
                        r = i;
                    }
                }
                p.lastRelevant = r;
                if (num.zeroEnd > outPreSpaces) {
                    int lastZero = Math.min(number.length() - 1, num.zeroEnd - outPreSpaces);
                    if (p.lastRelevant < lastZero) {
                        p.lastRelevant = lastZero;
                    }
                }
            }
        }
        if (!p.signWrote && outPreSpaces == 0) {
            p.numCount++;
        }
        StringBuilder out = p.out;
        for (Node n : nodes) {
            if (n.key() == null) {
                out.append(n.literal());
                continue;
            }
            switch (n.key()) {
                case NINE: case ZERO: case DEC: case D:
                    p.numpart(n.key());
                    break;
                case COMMA: case G:
                    if (!p.numIn) {
                        if (!num.fill) {
                            out.append(' ');
                        }
                    } else {
                        out.append(',');
                    }
                    break;
                case L:
                    out.append(' ');
                    break;
                case RN:
                    out.append(num.fill ? number : String.format("%15s", number));
                    break;
                case RNL: {
                    String low = number.toLowerCase(Locale.ROOT);
                    out.append(num.fill ? low : String.format("%15s", low));
                    break;
                }
                case TH: case THL:
                    if (num.roman || number.startsWith("#") || sign == '-' || num.decimal) {
                        break;
                    }
                    out.append(th(number, n.key() == Key.TH));
                    break;
                case MI:
                    if (sign == '-') {
                        out.append('-');
                    } else if (!num.fill) {
                        out.append(' ');
                    }
                    break;
                case PL:
                    if (sign == '+') {
                        out.append('+');
                    } else if (!num.fill) {
                        out.append(' ');
                    }
                    break;
                case SG:
                    out.append(sign);
                    break;
                default:
                    break;
            }
        }
        int nul = out.indexOf("\0");
        return nul >= 0 ? out.substring(0, nul) : out.toString();
    }
}
