package org.tusk.engine.func.sysinfo;

import java.util.List;
import java.util.Locale;

/** PostgreSQL's encoding ids and names (pg_enc2name_tbl) for pg_encoding_to_char / pg_char_to_encoding. */
public final class Encodings {
    private Encodings() {}

    private static final List<String> NAMES = List.of("SQL_ASCII", "EUC_JP", "EUC_CN", "EUC_KR", "EUC_TW",
            "EUC_JIS_2004", "UTF8", "MULE_INTERNAL", "LATIN1", "LATIN2", "LATIN3", "LATIN4", "LATIN5", "LATIN6",
            "LATIN7", "LATIN8", "LATIN9", "LATIN10", "WIN1256", "WIN1258", "WIN866", "WIN874", "KOI8R", "WIN1251",
            "WIN1252", "ISO_8859_5", "ISO_8859_6", "ISO_8859_7", "ISO_8859_8", "WIN1250", "WIN1253", "WIN1254",
            "WIN1255", "WIN1257", "KOI8U", "SJIS", "BIG5", "GBK", "UHC", "GB18030", "JOHAB", "SHIFT_JIS_2004");

    /** pg_encoding_to_char: the name, "" for an unknown id. */
    public static String name(int id) {
        return id >= 0 && id < NAMES.size() ? NAMES.get(id) : "";
    }

    /** pg_char_to_encoding: the id, -1 for an unknown name (case and punctuation ignored, common aliases). */
    public static int id(String name) {
        String key = clean(name);
        for (int i = 0; i < NAMES.size(); i++) {
            if (clean(NAMES.get(i)).equals(key)) {
                return i;
            }
        }
        switch (key) {
            case "unicode": return 6;
            case "iso88591": return 8;
            case "iso88592": return 9;
            case "iso88593": return 10;
            case "iso88594": return 11;
            case "iso88599": return 12;
            case "iso885910": return 13;
            case "iso885913": return 14;
            case "iso885914": return 15;
            case "iso885915": return 16;
            case "iso885916": return 17;
            case "shiftjis": case "mskanji": return 35;
            case "euccn": return 2;
            default: return -1;
        }
    }

    private static String clean(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
