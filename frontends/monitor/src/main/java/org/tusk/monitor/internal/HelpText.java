package org.tusk.monitor.internal;

/** The texts of --help, \? and "help". */
final class HelpText {
    private HelpText() {}

    static final String USAGE = String.join("\n",
            "tusk sql is the Tusk interactive terminal.",
            "",
            "Usage:",
            "  tusk sql [OPTION]... [DBNAME [USERNAME]]",
            "",
            "General options:",
            "  -c, --command=COMMAND    run only single command (SQL or internal) and exit",
            "  -d, --dbname=DBNAME      database name to connect to",
            "  -f, --file=FILENAME      execute commands from file, then exit",
            "  -v, --set=, --variable=NAME=VALUE",
            "                           set psql variable NAME to VALUE (e.g., -v ON_ERROR_STOP=1)",
            "  -X, --no-psqlrc          do not read startup file (accepted; there is none)",
            "  -?, --help               show this help, then exit",
            "",
            "Output format options:",
            "  -A, --no-align           unaligned table output mode",
            "  -F, --field-separator=STRING  field separator for unaligned output",
            "  -q, --quiet              run quietly (no messages, only query output)",
            "  -t, --tuples-only        print rows only",
            "  -x, --expanded           turn on expanded table output",
            "",
            "Connection options:",
            "  -h, --host=HOSTNAME      database server host or socket directory",
            "  -p, --port=PORT          database server port",
            "  -U, --username=USERNAME  database user name",
            "  -w, --no-password        never prompt for password",
            "  -W, --password           force password prompt",
            "");

    static final String BACKSLASH = String.join("\n",
            "General",
            "  \\q                     quit tusk sql",
            "  \\g, \\gx                execute query (\\gx: with expanded output)",
            "  \\timing [on|off]       toggle timing of commands",
            "",
            "Help",
            "  \\?                     show this help",
            "",
            "Query Buffer",
            "  \\p                     show the contents of the query buffer",
            "  \\r                     reset (clear) the query buffer",
            "",
            "Input/Output",
            "  \\echo [STRING]         write string to standard output",
            "",
            "Formatting",
            "  \\a                     toggle between unaligned and aligned output mode",
            "  \\t [on|off]            show only rows",
            "  \\x [on|off|auto]       toggle expanded output",
            "",
            "Connection",
            "  \\conninfo              display information about current connection",
            "",
            "Variables",
            "  \\set [NAME [VALUE]]    set internal variable, or list all if no parameters",
            "  \\unset NAME            unset (delete) internal variable",
            "",
            "");

    static final String GREETING_HELP = String.join("\n",
            "You are using tusk sql, the command-line interface to Tusk.",
            "Type:  \\? for help with tusk sql commands",
            "       \\q to quit",
            "");

    /** \\h: the list of SQL commands, or a pointer to the documentation for one. */
    static String sqlHelp(String topic) {
        if (topic.isEmpty()) {
            return String.join("\n", "Available help:",
                    "  ABORT  ALTER  ANALYZE  BEGIN  CALL  CHECKPOINT  CLOSE  CLUSTER  COMMENT  COMMIT  COPY  CREATE",
                    "  DEALLOCATE  DECLARE  DELETE  DISCARD  DO  DROP  END  EXECUTE  EXPLAIN  FETCH  GRANT  IMPORT",
                    "  INSERT  LISTEN  LOAD  LOCK  MERGE  MOVE  NOTIFY  PREPARE  REASSIGN  REFRESH  REINDEX  RELEASE",
                    "  RESET  REVOKE  ROLLBACK  SAVEPOINT  SECURITY LABEL  SELECT  SET  SHOW  START  TRUNCATE",
                    "  UNLISTEN  UPDATE  VACUUM  VALUES  WITH", "");
        }
        String cmd = topic.trim().toUpperCase(java.util.Locale.ROOT);
        String page = cmd.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        return "Command:     " + cmd + "\nURL: https://www.postgresql.org/docs/15/sql-" + page + ".html\n\n";
    }
}
