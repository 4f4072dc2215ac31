"""Whether C reads a pointer as a NUL-terminated string: libc's string
functions, a `%s` of the printf family, and, in a preamble function's
body, a call of either or a loop that scans the parameter (or a local
copy of it) for its terminating 0. Judged on the body's syntax tree, so a
`"%s"` in a format or a comment mentioning `strlen(s)` is not a read of `s`."""
from __future__ import annotations

import re

from tree_sitter import Node, QueryCursor

from .c_bodies import c_arguments, pointed_into, strip_casts, value_name
from .parsing import C, query
from .source import text, walk

# libc functions (and cgo's C.GoString) that read the given parameters as
# NUL-terminated strings and take no length for them. Variadic functions
# such as printf cannot be called through cgo: they count in C bodies only.
STRING_READERS: dict[str, frozenset[int]] = {name: frozenset(indices) for name, indices in {
    "GoString": (0,),
    "strlen": (0,), "strcpy": (1,), "strcat": (0, 1), "strcmp": (0, 1), "strcasecmp": (0, 1),
    "strcoll": (0, 1), "strchr": (0,), "strrchr": (0,), "strstr": (0, 1), "strspn": (0, 1),
    "strcspn": (0, 1), "strpbrk": (0, 1), "strdup": (0,), "strtok": (1,), "strverscmp": (0, 1),
    "puts": (0,), "fputs": (0,), "perror": (0,), "atoi": (0,), "atol": (0,), "atoll": (0,), "atof": (0,),
    "strtol": (0,), "strtoul": (0,), "strtoll": (0,), "strtoull": (0,), "strtod": (0,), "strtof": (0,),
    "fopen": (0, 1), "freopen": (0, 1), "popen": (0, 1), "getenv": (0,), "secure_getenv": (0,),
    "setenv": (0, 1), "unsetenv": (0,), "putenv": (0,), "system": (0,), "remove": (0,), "rename": (0, 1),
    "unlink": (0,), "rmdir": (0,), "mkdir": (0,), "chdir": (0,), "access": (0,), "stat": (0,),
    "lstat": (0,), "chmod": (0,), "chown": (0,), "truncate": (0,), "creat": (0,), "opendir": (0,),
    "realpath": (0,), "readlink": (0,), "symlink": (0, 1), "link": (0, 1), "mkfifo": (0,),
    "dlopen": (0,), "dlsym": (1,), "setlocale": (1,), "inet_addr": (0,), "inet_pton": (1,),
    "gethostbyname": (0,), "getaddrinfo": (0, 1), "execv": (0,), "execvp": (0,), "fnmatch": (0, 1),
    "regcomp": (1,), "regexec": (1,), "strftime": (2,), "strptime": (0, 1), "mkstemp": (0,),
}.items()}

# The printf family: where the format is; each `%s` without a precision
# reads its argument to the NUL (`%.*s` and `%.3s` stop earlier; `%*s` is
# a minimum width, not a bound). `sscanf` reads its input string.
_FORMAT_INDEX = {"printf": 0, "fprintf": 1, "dprintf": 1, "sprintf": 1, "snprintf": 2, "syslog": 1,
                 "sscanf": None}
_CONVERSION = re.compile(r"%([-+ #0']*)(\*|\d+)?(\.(\*|\d*))?(hh|h|ll|l|j|z|t|L)?([a-zA-Z%])")


def reads_to_nul(body: Node, name: str, bounds: tuple[str, ...] | None = None) -> bool:
    """Evidence in a C body that the pointer parameter `name` is read up to
    its NUL. `bounds`: the other parameters, when a length is passed
    beside it; then a test of the bytes (`if (*s == 0)`) proves nothing,
    and a loop scanning for the NUL counts only when its condition uses
    none of them (`while (*s && n--)` stops at the length)."""
    found = QueryCursor(query(C, "c_string_reads")).captures(body)
    assignments = list(_assignments(found.get("assign", ())))
    names = _copies(assignments, name)
    for call in found.get("call", ()):
        callee = call.child_by_field_name("function")
        if callee is None or callee.type != "identifier" or (bounds and _when_negative(call, body, bounds)):
            continue
        args = c_arguments(call.child_by_field_name("arguments"))
        indices = _string_arguments(text(callee), args, any_argument=bounds is None)
        if any(i < len(args) and pointed_into(args[i]) & names for i in indices):
            return True
    code = code_text(body, found.get("blank", ()))
    if bounds is None:
        return _scans(code, names)
    bounded = _derived(assignments, bounds)
    for loop in found.get("loop", ()):
        inner = loop.child_by_field_name("body")
        header = code[loop.start_byte - body.start_byte:(inner or loop).start_byte - body.start_byte]
        if not bounded.intersection(_IDENTIFIER.findall(header)) and _scans(header, names):
            return True
    return False


_NEGATIVE_TEST = re.compile(r"^\(?\s*(?:(\w+)\s*(?:<\s*0|<=\s*-1|==\s*-1)|(?:0\s*>|-1\s*>=|-1\s*==)\s*(\w+))\s*\)?$")


def _when_negative(call: Node, body: Node, bounds: tuple[str, ...]) -> bool:
    """`if (len < 0) len = strlen(s);`, `len < 0 ? strlen(s) : len`: the
    convention of ICU, HarfBuzz, QuickJS and SQLite, where a negative
    length means "NUL-terminated". With a length passed, C does not scan
    for the NUL. (A caller that passes -1 for a Go string's bytes is not
    told apart.)"""
    node, parent = call, call.parent
    while parent is not None and parent != body:
        if parent.type in ("if_statement", "conditional_expression") and \
                node == parent.child_by_field_name("consequence"):
            match = _NEGATIVE_TEST.match(" ".join(text(parent.child_by_field_name("condition")).split()))
            if match and (match.group(1) or match.group(2)) in bounds:
                return True
        node, parent = parent, parent.parent
    return False


def _scans(code: str, names: set[str]) -> bool:
    """A loop or test in the code that scans one of `names` for its
    terminating 0 (`while (*s)`, `s[i] != '\\0'`, `for (; *s; )`)."""
    return any(match.group(1) in names for pattern in _SCANS for match in pattern.finditer(code))


_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_NUL = r"(?:'\\0'|0)"
_SCANS = tuple(re.compile(p) for p in (
    r"while\s*\(\s*\*\s*([A-Za-z_]\w*)\b",
    rf"\*\s*([A-Za-z_]\w*)\s*(?:\+\+)?\s*[!=]=\s*{_NUL}",
    rf"\b([A-Za-z_]\w*)\s*\[[^\]]*\]\s*[!=]=\s*{_NUL}",
    r"for\s*\([^;]*;\s*\*\s*([A-Za-z_]\w*)\b",
    r"for\s*\([^;]*;\s*([A-Za-z_]\w*)\s*\[[^\]]*\]\s*;",
))


def _string_arguments(function: str, args: list[Node], any_argument: bool) -> frozenset[int] | list[int] | range:
    """The arguments the function reads to their NUL. For a format source
    does not show (a macro), `any_argument` takes every one after it."""
    if function in STRING_READERS:
        return STRING_READERS[function]
    if function not in _FORMAT_INDEX:
        return ()
    at = _FORMAT_INDEX[function]
    if at is None:
        return (0,)
    if at >= len(args):
        return ()
    format_node = strip_casts(args[at])
    if format_node is None or format_node.type not in ("string_literal", "concatenated_string"):
        return range(at + 1, len(args)) if any_argument else ()
    found, position = [], at + 1
    for match in _CONVERSION.finditer(_literal_text(format_node)):
        width, precision, conversion = match.group(2), match.group(4), match.group(6)
        if conversion == "%":
            continue
        position += (width == "*") + (precision == "*")
        if conversion == "s" and match.group(3) is None:
            found.append(position)
        position += 1
    return found


def _literal_text(node: Node) -> str:
    """The characters of a string literal (or adjacent ones), quotes removed."""
    parts = [node] if node.type == "string_literal" else [c for c in node.named_children if c.type == "string_literal"]
    return "".join(text(c) for part in parts for c in part.named_children if c.type in ("string_content", "escape_sequence"))


def _copies(assignments: list[tuple[str, Node]], name: str) -> set[str]:
    """`name` and the locals the body sets to it (`const char *q = s;`,
    `q = (char *)s`), so a hand-written strlen over a copy counts; not a
    copy pointed elsewhere too (`q = buf`): it may not hold the parameter."""
    copies, elsewhere = {name}, set()
    for target, value in assignments:
        (copies if value_name(value) in copies else elsewhere).add(target)
    return {name} | (copies - elsewhere)


def _derived(assignments: list[tuple[str, Node]], names: tuple[str, ...]) -> set[str]:
    """`names` and the locals the body computes from them (`end = s + n`,
    `left = n`): a loop bounded by one is bounded by the length."""
    derived = set(names)
    for target, value in assignments:
        if any(n.type == "identifier" and text(n) in derived for n in walk(value)):
            derived.add(target)
    return derived


def _assignments(nodes):
    """(variable name, value) of each `T x = v;` and `x = v` among the nodes, in document order."""
    for node in sorted(nodes, key=lambda n: n.start_byte):
        if node.type == "init_declarator":
            target, value = node.child_by_field_name("declarator"), node.child_by_field_name("value")
        elif text(node.child_by_field_name("operator")) == "=":
            target, value = node.child_by_field_name("left"), node.child_by_field_name("right")
        else:
            continue
        while target is not None and target.type == "pointer_declarator":
            target = target.child_by_field_name("declarator")
        if target is not None and target.type == "identifier" and value is not None:
            yield text(target), value


def code_text(body: Node, blanks=None) -> str:
    """The body's text with comments and string literals blanked out (same
    offsets), for the loop patterns (a '\\0' stays: they look for it).
    `blanks`: those nodes, when a query already found them."""
    code = bytearray(body.text)
    for node in blanks if blanks is not None else (n for n in walk(body) if n.type in ("comment", "string_literal")):
        start, end = node.start_byte - body.start_byte, node.end_byte - body.start_byte
        code[start:end] = b" " * (end - start)
    return code.decode("utf-8", "replace")
