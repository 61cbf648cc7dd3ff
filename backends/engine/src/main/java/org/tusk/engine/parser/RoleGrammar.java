package org.tusk.engine.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.AlterRoleStmt;
import org.tusk.engine.nodes.AnyName;
import org.tusk.engine.nodes.ConstKind;
import org.tusk.engine.nodes.CreateRoleStmt;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.DropBehavior;
import org.tusk.engine.nodes.NodeList;
import org.tusk.engine.nodes.ObjectType;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.RenameStmt;
import org.tusk.engine.nodes.RoleSpec;
import org.tusk.engine.nodes.RoleSpecType;
import org.tusk.engine.nodes.RoleStmtType;

/**
 * gram.y's CreateRoleStmt, CreateUserStmt, CreateGroupStmt, AlterRoleStmt,
 * AlterGroupStmt and RenameStmt for roles. Options become DefElems with
 * gram.y's names: superuser, createrole, createdb, canlogin, isreplication,
 * bypassrls, inherit (Boolean AConst), password (string AConst, or no arg for
 * PASSWORD NULL), connectionlimit (integer AConst), validUntil (string AConst),
 * sysid, and the role lists rolemembers, adminmembers, addroleto (NodeList of
 * RoleSpec). ALTER ROLE ... SET/RESET is left to {@code otherStatement}.
 */
final class RoleGrammar {
    private RoleGrammar() {
    }

    /** After CREATE, at ROLE/USER/GROUP. */
    static RawStmt createRole(DdlParser ps) {
        Token kind = ps.advance();
        RoleStmtType type = kind.isWord("user") ? RoleStmtType.USER
                : kind.isWord("group") ? RoleStmtType.GROUP : RoleStmtType.ROLE;
        String name = roleId(ps);
        ps.accept("with");
        return new CreateRoleStmt(type, name, options(ps, true));
    }

    /** At ALTER ROLE/USER/GROUP; null when the form is not one this grammar builds (SET/RESET). */
    static RawStmt alterRole(DdlParser ps) {
        int save = ps.p;
        ps.advance();
        boolean group = ps.advance().isWord("group");
        if (ps.at("all") || (ps.peek(1).isWord("in") || ps.peek(1).isWord("set") || ps.peek(1).isWord("reset"))) {
            ps.p = save;
            return null;
        }
        Token n = ps.peek();
        RoleSpec role = ps.roleSpec();
        if (ps.accept("rename")) {
            ps.expect("to");
            if (role.roletype() != RoleSpecType.CSTRING) {
                throw ps.syntaxError(n);
            }
            String newName = roleId(ps);
            return new RenameStmt(ObjectType.ROLE, ObjectType.ROLE, null, new AnyName(List.of(role.rolename()),
                    n.location()), role.rolename(), newName, DropBehavior.RESTRICT, false);
        }
        if (group) {
            Token t = ps.peek();
            int action;
            if (ps.accept("add")) {
                action = 1;
            } else if (ps.accept("drop")) {
                action = -1;
            } else {
                throw ps.syntaxErrorHere();
            }
            ps.expect("user");
            return new AlterRoleStmt(role, List.of(DefElem.of("rolemembers", roleList(ps), t.location())), action);
        }
        ps.accept("with");
        return new AlterRoleStmt(role, options(ps, false), 1);
    }

    /** RoleId: a role name, not PUBLIC/NONE/CURRENT_USER... */
    private static String roleId(DdlParser ps) {
        Token t = ps.peek();
        RoleSpec spec = ps.roleSpec();
        switch (spec.roletype()) {
            case CSTRING:
                return spec.rolename();
            case PUBLIC:
                throw DdlParser.error(SqlState.RESERVED_NAME, "role name \"public\" is reserved", t.location());
            default:
                throw DdlParser.error(SqlState.RESERVED_NAME,
                        t.text().toUpperCase(java.util.Locale.ROOT) + " cannot be used as a role name here", t.location());
        }
    }

    private static NodeList roleList(DdlParser ps) {
        Token t = ps.peek();
        List<RawNode> out = new ArrayList<>();
        do {
            out.add(ps.roleSpec());
        } while (ps.acceptPunct(','));
        return new NodeList(out, t.location());
    }

    private static AConst bool(boolean v, Token t) {
        return new AConst(ConstKind.BOOLEAN, v ? "t" : "f", t.location());
    }

    /** OptRoleList / AlterOptRoleList. */
    private static List<DefElem> options(DdlParser ps, boolean create) {
        List<DefElem> out = new ArrayList<>();
        while (!ps.atEnd()) {
            Token t = ps.peek();
            int loc = t.location();
            if (ps.accept("password")) {
                out.add(password(ps, loc));
            } else if (ps.at("encrypted") && ps.at(1, "password")) {
                ps.advance();
                ps.advance();
                Token s = ps.peek();
                out.add(DefElem.of("password", new AConst(ConstKind.STRING, ps.sconst(), s.location()), loc));
            } else if (ps.at("unencrypted") && ps.at(1, "password")) {
                throw DdlParser.error(SqlState.FEATURE_NOT_SUPPORTED, "UNENCRYPTED PASSWORD is no longer supported", loc);
            } else if (ps.accept("inherit")) {
                out.add(DefElem.of("inherit", bool(true, t), loc));
            } else if (ps.at("connection") && ps.at(1, "limit")) {
                ps.advance();
                ps.advance();
                Token v = ps.peek();
                out.add(DefElem.of("connectionlimit",
                        new AConst(ConstKind.INTEGER, String.valueOf(ps.signedIconst()), v.location()), loc));
            } else if (ps.at("valid") && ps.at(1, "until")) {
                ps.advance();
                ps.advance();
                Token s = ps.peek();
                out.add(DefElem.of("validUntil", new AConst(ConstKind.STRING, ps.sconst(), s.location()), loc));
            } else if (ps.accept("user") || ps.accept("role")) {
                out.add(DefElem.of("rolemembers", roleList(ps), loc));
            } else if (create && ps.accept("sysid")) {
                Token v = ps.peek();
                out.add(DefElem.of("sysid", new AConst(ConstKind.INTEGER, String.valueOf(ps.iconst()), v.location()), loc));
            } else if (create && ps.accept("admin")) {
                out.add(DefElem.of("adminmembers", roleList(ps), loc));
            } else if (create && ps.at("in") && (ps.at(1, "role") || ps.at(1, "group"))) {
                ps.advance();
                ps.advance();
                out.add(DefElem.of("addroleto", roleList(ps), loc));
            } else if (t.kind() == org.tusk.engine.parser.TokenKind.IDENT && !t.quoted()) {
                String word = t.text();
                String name;
                boolean value = !word.startsWith("no");
                String base = value ? word : word.substring(2);
                switch (base) {
                    case "superuser": name = "superuser"; break;
                    case "createrole": name = "createrole"; break;
                    case "createdb": name = "createdb"; break;
                    case "login": name = "canlogin"; break;
                    case "replication": name = "isreplication"; break;
                    case "bypassrls": name = "bypassrls"; break;
                    case "inherit": name = "inherit"; break;
                    case "createuser":
                        // CREATEUSER is the old spelling of SUPERUSER
                        name = "superuser";
                        break;
                    default:
                        throw DdlParser.error(SqlState.SYNTAX_ERROR, "unrecognized role option \"" + word + "\"", loc);
                }
                ps.advance();
                out.add(DefElem.of(name, bool(value, t), loc));
            } else {
                throw ps.syntaxErrorHere();
            }
        }
        return out;
    }

    private static DefElem password(DdlParser ps, int loc) {
        Token s = ps.peek();
        if (ps.accept("null")) {
            return DefElem.of("password", null, loc);
        }
        return DefElem.of("password", new AConst(ConstKind.STRING, ps.sconst(), s.location()), loc);
    }
}
