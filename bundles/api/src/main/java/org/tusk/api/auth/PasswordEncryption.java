package org.tusk.api.auth;

/**
 * The password_encryption setting's choices and PostgreSQL's encrypt_password:
 * a password that already is an md5 hash or a SCRAM secret is stored as given,
 * any other text is hashed with the chosen method.
 */
public enum PasswordEncryption {
    MD5, SCRAM_SHA_256;

    /** The setting's value ("md5", "scram-sha-256"; PostgreSQL also takes "on" as md5). */
    public static PasswordEncryption fromSetting(String value) {
        if (value != null && (value.equalsIgnoreCase("md5") || value.equalsIgnoreCase("on"))) {
            return MD5;
        }
        return SCRAM_SHA_256;
    }

    /** The pg_authid form of {@code password} for role {@code role}. */
    public String encrypt(String role, String password) {
        if (Md5Password.isMd5(password) || ScramSecret.parse(password) != null) {
            return password;
        }
        return this == MD5 ? Md5Password.encrypt(password, role) : ScramSecret.create(password).toString();
    }
}
