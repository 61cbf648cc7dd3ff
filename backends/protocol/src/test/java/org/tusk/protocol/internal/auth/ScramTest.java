package org.tusk.protocol.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.tusk.api.auth.Md5Password;
import org.tusk.api.auth.PasswordEncryption;
import org.tusk.api.auth.ScramSecret;
import org.tusk.api.error.PgException;

/** SCRAM-SHA-256 against RFC 7677's test vector, secrets and md5 hashes against a real PostgreSQL 15's pg_authid. */
class ScramTest {
    // RFC 7677, section 3
    static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    static final String SERVER_FIRST = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    static ScramSecret rfcSecret() {
        return ScramSecret.create("pencil", Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
    }

    @Test
    void rfc7677ExchangeGivesTheRfcsMessages() {
        ScramExchange x = ScramExchange.real(rfcSecret());
        assertEquals(SERVER_FIRST, x.first(CLIENT_FIRST, SERVER_NONCE));
        assertEquals(SERVER_FINAL, x.last(CLIENT_FINAL));
    }

    @Test
    void wrongProofFails() {
        ScramExchange x = ScramExchange.real(ScramSecret.create("not pencil",
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096));
        x.first(CLIENT_FIRST, SERVER_NONCE);
        assertNull(x.last(CLIENT_FINAL));
    }

    @Test
    void mockExchangeNeverSucceeds() {
        ScramExchange x = ScramExchange.mock("user", "cluster");
        String serverFirst = x.first(CLIENT_FIRST, SERVER_NONCE);
        assertTrue(serverFirst.startsWith("r=rOprNGfwEbeRWgbNEkqO%hvYD"));
        assertEquals(serverFirst, ScramExchange.mock("user", "cluster").first(CLIENT_FIRST, SERVER_NONCE),
                "the mock salt is stable per role, so probing does not reveal which roles exist");
        assertNull(x.last(CLIENT_FINAL));
    }

    @Test
    void channelBindingAndMalformedMessages() {
        PgException e = assertThrows(PgException.class,
                () -> ScramExchange.real(rfcSecret()).first("p=tls-server-end-point,,n=,r=abc"));
        assertEquals("08P01", e.sqlState());
        assertEquals("malformed SCRAM message", e.getMessage());
        // y,, (client could bind, thinks the server cannot) is fine without TLS
        ScramExchange y = ScramExchange.real(rfcSecret());
        y.first("y,,n=,r=abc", "def");
        PgException cb = assertThrows(PgException.class, () -> y.last("c=biws,r=abcdef,p=AAAA"));
        assertEquals("SCRAM channel binding check failed", cb.getMessage());
        PgException nonce = assertThrows(PgException.class, () -> ScramExchange.real(rfcSecret()).first("n,,n=,x=1"));
        assertEquals("malformed SCRAM message", nonce.getMessage());
        PgException authz = assertThrows(PgException.class, () -> ScramExchange.real(rfcSecret()).first("n,a=bob,n=,r=abc"));
        assertEquals("client uses authorization identity, but it is not supported", authz.getMessage());
    }

    @Test
    void secretTextRoundTripsAndMatchesPostgresSecrets() {
        ScramSecret s = rfcSecret();
        assertEquals(s.toString(), ScramSecret.parse(s.toString()).toString());
        // rolpassword of CREATE ROLE auth_s1 PASSWORD 'pencil' on PostgreSQL 15
        ScramSecret pg = ScramSecret.parse("SCRAM-SHA-256$4096:WA6RvejinFLGDwo5MFGvIg==$dQnQwQJ/cwuPV1BXv8dQm7RRmZUqssyW8r0Nu"
                + "+wumFQ=:k07xv7q+5VAzSTDLd6Y0/YTWHL2NSKm4i/Fbvke/LTo=");
        assertTrue(pg.matches("pencil"));
        assertFalse(pg.matches("pencil "));
        assertEquals(pg.toString(), ScramSecret.create("pencil", pg.salt(), 4096).toString());
        // E'\u00A0\uFB01x\u00AD': SASLprep maps the no-break space to a space, NFKC turns the ligature into "fi"
        // and the soft hyphen is mapped to nothing
        ScramSecret prepped = ScramSecret.parse("SCRAM-SHA-256$4096:WAfRp6ZCRkmzvpo3SwlFVQ==$mLxelkOpOAbhd5Ct/q57mKD/+RIedTGm"
                + "rFsPNM8p6Lc=:x8XypwNi+5x+oDxvFwapbavjVr104+Gk9tsVk/l2C7M=");
        assertTrue(prepped.matches("\u00A0\uFB01x\u00AD"));
        assertTrue(prepped.matches(" fix"));
        assertNull(ScramSecret.parse("SCRAM-SHA-256$4096:abc"));
        assertNull(ScramSecret.parse("md5abc"));
    }

    @Test
    void md5MatchesPostgres() {
        // SET password_encryption = 'md5'; CREATE ROLE ... PASSWORD ...; SELECT rolpassword FROM pg_authid
        assertEquals("md56b483a904ce3eda6a7d01cea7faa6cb5", Md5Password.encrypt("secret", "auth_md5_probe"));
        assertEquals("md577193bf71232ccf101ce42104e6679ac", Md5Password.encrypt("pässwörd", "Über user"));
        assertTrue(Md5Password.isMd5("md56b483a904ce3eda6a7d01cea7faa6cb5"));
        assertFalse(Md5Password.isMd5("md56b483a904ce3eda6a7d01cea7faa6cb"));
        assertEquals("md56b483a904ce3eda6a7d01cea7faa6cb5", PasswordEncryption.MD5.encrypt("someone", "md56b483a904ce3eda6a7d01cea7faa6cb5"),
                "an md5 hash is stored as given");
        assertTrue(PasswordEncryption.SCRAM_SHA_256.encrypt("x", "pencil").startsWith("SCRAM-SHA-256$4096:"));
    }
}
