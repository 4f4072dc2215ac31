"""The C side of a cgo package: the preamble and the local headers it includes,
parsed with tree-sitter-c. Answers what a C function's parameters are, how big
a C type is, and which functions keep a pointer argument after they return."""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from tree_sitter import Node

from .c_bodies import (
    freed_params,
    pointee_effect,
    propagate_always_frees,
    propagate_keeps,
    returns_fresh_memory,
    stored_params,
)
from .c_markers import carried, marker_macros, masked
from .loader import read_file
from .parsing import C, c_parser, query
from .source import Position, SourceFile, parse_bytes, text

# Sizes on an LP64 target (linux/amd64, linux/arm64, darwin): the targets cgo
# code is overwhelmingly built for. Keys are spellings after cgo's renaming
# (C.uint, C.longlong, ...) and plain C spellings.
PRIMITIVE_SIZES: dict[str, int] = {
    "char": 1, "schar": 1, "uchar": 1, "signed char": 1, "unsigned char": 1, "_Bool": 1, "bool": 1,
    "short": 2, "ushort": 2, "unsigned short": 2, "short int": 2,
    "int": 4, "uint": 4, "unsigned": 4, "unsigned int": 4, "signed": 4, "signed int": 4,
    "long": 8, "ulong": 8, "unsigned long": 8, "long int": 8, "long long": 8,
    "longlong": 8, "ulonglong": 8, "unsigned long long": 8,
    "float": 4, "double": 8,
    "size_t": 8, "ssize_t": 8, "ptrdiff_t": 8, "intptr_t": 8, "uintptr_t": 8, "off_t": 8,
    "int8_t": 1, "uint8_t": 1, "int16_t": 2, "uint16_t": 2, "int32_t": 4, "uint32_t": 4,
    "int64_t": 8, "uint64_t": 8, "wchar_t": 4,
}
# GLib's typedefs of arithmetic and pointer types (glib/gtypes.h).
GLIB_TYPEDEFS = frozenset({"gpointer", "gconstpointer", "gchar", "guchar", "gshort", "gushort", "gint", "guint",
                           "glong", "gulong", "gint8", "guint8", "gint16", "guint16", "gint32", "guint32",
                           "gint64", "guint64", "gfloat", "gdouble", "gsize", "gssize", "goffset", "gboolean",
                           "gintptr", "guintptr", "gunichar"})
# libc functions of one argument: `C.strlen(x)` is a call, not a conversion
LIBC_FUNCTIONS_OF_ONE_ARG = frozenset({"strlen", "strdup", "free", "malloc", "CString", "CBytes", "GoString",
                                       "GoBytes", "gets", "puts", "atoi", "atol", "atof", "abs", "close"})
FLOATING = frozenset({"float", "double"})
INTEGER_TYPES = frozenset(PRIMITIVE_SIZES) - FLOATING
POINTER_SIZE = 8


@dataclass(frozen=True)
class CType:
    """A C type as declared: base spelling, pointer depth, array length."""

    base: str
    pointers: int = 0
    array: int | None = None
    const: bool = False

    @property
    def is_pointer(self) -> bool:
        return self.pointers > 0 or self.array is not None

    @property
    def spelling(self) -> str:
        const = "const " if self.const else ""
        return f"{const}{self.base} {'*' * self.pointers}"

    def pointee(self) -> "CType":
        if self.array is not None:
            return CType(self.base, self.pointers, None, self.const)
        return CType(self.base, max(0, self.pointers - 1), None, self.const)


@dataclass(frozen=True)
class CLocation:
    path: str
    start: Position
    end: Position


@dataclass(frozen=True)
class CParam:
    index: int
    name: str
    ctype: CType


@dataclass
class CFunction:
    name: str
    params: list[CParam]
    result: CType
    location: CLocation
    variadic: bool = False
    keeps: set[int] = field(default_factory=set)  # indices of pointer params stored past the call
    # pointer param -> the pointer params through which the body stores it
    # (`r->p = buf`): kept as long as what the caller passes there lives
    keeps_into: dict[int, set[int]] = field(default_factory=dict)
    # kept param -> for each store that keeps it, the conditions on other
    # params it runs under (keep_guards.KeepGuard); only when each has one
    keep_guards: dict[int, list[tuple]] = field(default_factory=dict)
    frees: set[int] = field(default_factory=set)  # indices of pointer params the body passes to free()
    always_frees: set[int] = field(default_factory=set)  # ...on every path that returns
    body: Node | None = field(default=None, repr=False, compare=False)  # the definition's body, if any

    @property
    def has_body(self) -> bool:
        return self.body is not None

    @property
    def returned_param(self) -> int | None:
        """The parameter a body of one `return p;` (cast or not) hands back:
        `static guchar *to_gucharptr(void *s) { return (guchar *)s; }`."""
        statements = [c for c in self.body.named_children if c.type != "comment"] if self.body is not None else []
        if len(statements) != 1 or statements[0].type != "return_statement" or not statements[0].named_children:
            return None
        value = statements[0].named_children[0]
        while value.type in ("cast_expression", "parenthesized_expression"):
            value = value.child_by_field_name("value") or (value.named_children[-1] if value.named_children else None)
            if value is None:
                return None
        names = [p.name for p in self.params]
        return names.index(text(value)) if value.type == "identifier" and text(value) in names else None

    @property
    def prototype(self) -> str:
        params = ", ".join(f"{p.ctype.spelling}{p.name}".strip() for p in self.params)
        return f"{self.result.spelling}{self.name}({params})"

    def keeps_param(self, index: int) -> bool:
        # called from Go, a store through another argument outlives the call too
        return index in self.keeps or index in self.keeps_into

    def pointee_effect(self, index: int) -> str | None:
        """For a `T **` parameter: "write", "free" or "read" (see
        c_bodies.pointee_effect); None without a body to tell."""
        if self.body is None or index >= len(self.params) or not self.params[index].name \
                or self.params[index].ctype.pointers < 2:
            return None
        return pointee_effect(self.body, self.params[index].name)

    def takes_ownership_of(self, index: int) -> bool:
        """Whether the body keeps the pointer or frees it: either way the
        caller's memory is no longer the caller's to free."""
        return self.keeps_param(index) or index in self.frees


@dataclass(frozen=True)
class CDefinition:
    """A function or variable that the preamble defines with external
    linkage (not static, not an inline or weak definition): each C file the
    preamble is compiled into holds one symbol of that name. `start` and
    `end` are byte offsets in `path` (the Go file, for a preamble)."""

    name: str
    kind: str  # "function" | "variable"
    path: str
    start: int
    end: int


@dataclass
class CStruct:
    name: str
    fields: list[tuple[str, CType]]
    # False under an alignment or packing attribute, which this model does not lay out
    plain_layout: bool = True


@dataclass
class CPreamble:
    """The merged C declarations of a package's preambles and local headers."""

    functions: dict[str, CFunction] = field(default_factory=dict)
    structs: dict[str, CStruct] = field(default_factory=dict)
    typedefs: dict[str, CType] = field(default_factory=dict)
    globals: dict[str, CType] = field(default_factory=dict)
    noescape: set[str] = field(default_factory=set)
    nocallback: set[str] = field(default_factory=set)
    includes: set[str] = field(default_factory=set)  # local and system header names
    # object-like #define name, or enum constant, -> its text (`(MODE_A + 1)` for an implicit one)
    macros: dict[str, str] = field(default_factory=dict)
    definitions: list[CDefinition] = field(default_factory=list)  # external-linkage definitions
    # every function definition read, several of one name included (`#ifdef _WIN32 ... #else ...`)
    bodies: list[CFunction] = field(default_factory=list)
    # functions declared without a body whose bodies are in the package's C files, but which
    # one builds is not known (per platform, under #if): the arguments some body takes over
    uncertain: dict[str, set[int]] = field(default_factory=dict)

    def function(self, name: str) -> CFunction | None:
        return self.functions.get(name)

    def names_type(self, name: str, lenient: bool = False) -> bool:
        """Whether cgo's `C.name` names a type, so that `C.name(x)` is a
        conversion. Known (the default): a typedef, struct, union or enum of
        the preamble and its headers, an arithmetic type, a `_t` type (the C
        and POSIX convention), or a GLib typedef (`C.gpointer`, `C.gint`),
        which GLib bindings convert to everywhere from headers this model
        does not read. Lenient: anything but a function of the preamble or a
        libc function of one argument, for the readers of lengths and
        buffers, where a type of an unread header is the likelier answer;
        the readers of ownership ask for the known answer, as a call taken
        for a conversion would lose a free."""
        if name in self.functions:
            return False
        if lenient:
            return name not in LIBC_FUNCTIONS_OF_ONE_ARG
        return name in self.typedefs or name in PRIMITIVE_SIZES or name in GLIB_TYPEDEFS \
            or name.startswith(("struct_", "union_", "enum_")) or name.endswith("_t")

    def names_pointer_type(self, name: str) -> bool:
        """Whether `C.name(p)` converts p to a C pointer type (`C.gpointer`,
        a typedef of `struct x *`): the pointer goes on, unchanged. Not an
        integer type (`C.uintptr_t(uintptr(p))`): what C does with an integer
        is not followed."""
        return self.names_type(name) and (name in ("gpointer", "gconstpointer")
                                          or self.resolve(CType(name)).pointers > 0)

    @cached_property
    def frees_first_argument(self) -> tuple[str, ...]:
        """The functions whose bodies free their first argument on every
        path that returns (`void item_free(item *p) { free(p); }`), sorted.
        Asked once the package's preambles are merged."""
        return tuple(sorted(name for name, f in self.functions.items() if 0 in f.always_frees))

    @cached_property
    def allocating_functions(self) -> tuple[str, ...]:
        """The functions whose bodies return a block they malloc'd, strdup'd...
        for the caller to free (`c_bodies.returns_fresh_memory`), sorted."""
        return tuple(sorted(name for name, f in self.functions.items()
                            if f.body is not None and f.result.pointers > 0
                            and returns_fresh_memory(f.body, [p.name for p in f.params])))

    def resolve(self, ctype: CType) -> CType:
        """Follow typedefs until a base type that is not a typedef."""
        seen = set()
        while ctype.base in self.typedefs and ctype.base not in seen:
            seen.add(ctype.base)
            target = self.typedefs[ctype.base]
            ctype = CType(target.base, target.pointers + ctype.pointers,
                          ctype.array if ctype.array is not None else target.array,
                          ctype.const or target.const)
        return ctype

    def size_of(self, name: str) -> int | None:
        """Size in bytes of the C type cgo calls `C.<name>` (e.g. `int`, `struct_foo`)."""
        if name.startswith("struct_"):
            return self._struct_size(name[len("struct_"):])
        return self.ctype_size(CType(name))

    def ctype_size(self, ctype: CType, depth: int = 0) -> int | None:
        if depth > 16:
            return None
        ctype = self.resolve(ctype)
        if ctype.pointers:
            size = POINTER_SIZE
        elif ctype.base.startswith("struct "):
            size = self._struct_size(ctype.base[len("struct "):], depth + 1)
        else:
            size = PRIMITIVE_SIZES.get(ctype.base)
        if size is None or ctype.array == 0:
            return None  # (0: a length the declaration does not spell as digits, `name[NAME_LEN]`)
        return size * ctype.array if ctype.array is not None else size

    def _struct_size(self, name: str, depth: int = 0) -> int | None:
        struct = self.structs.get(name)
        if struct is None or not struct.plain_layout:
            return None
        # Memoized (per depth, as the depth limit can decide the answer, and per
        # model state): nested or self-referential structs in a preamble would
        # otherwise cost time exponential in their nesting.
        memo = self.__dict__.setdefault("_struct_sizes", {})
        key = (name, depth, len(self.structs), len(self.typedefs))
        if key in memo:
            return memo[key]
        memo[key] = None  # while computing
        offset, align = 0, 1
        for _, ctype in struct.fields:
            size = self.ctype_size(ctype, depth + 1)
            field_align = self._alignment(ctype, depth + 1)
            if size is None or field_align is None:
                return None
            offset = -(-offset // field_align) * field_align + size
            align = max(align, field_align)
        memo[key] = size = -(-offset // align) * align
        return size

    def _alignment(self, ctype: CType, depth: int = 0) -> int | None:
        """A C type's alignment (LP64): a struct's is its largest member's,
        not its size (`struct {short s; char c;}` is 4 bytes, aligned on 2)."""
        if depth > 16:
            return None
        ctype = self.resolve(CType(ctype.base, ctype.pointers, None, ctype.const))
        ctype = CType(ctype.base, ctype.pointers, None, ctype.const)  # a typedef'd array: its element's
        if ctype.pointers:
            return POINTER_SIZE
        if ctype.base.startswith("struct "):
            struct = self.structs.get(ctype.base[len("struct "):])
            if struct is None or not struct.plain_layout:
                return None
            aligns = [self._alignment(t, depth + 1) for _, t in struct.fields]
            return None if any(a is None for a in aligns) else max(aligns, default=1)
        size = self.ctype_size(ctype, depth + 1)
        return min(size, 8) or 1 if size is not None else None

    def adopt_bodies(self, bodies: dict[str, CFunction]) -> bool:
        """Take the bodies (from a C file of the package) of the functions
        this preamble declares without one; whether any was taken."""
        adopted = False
        for name, fn in bodies.items():
            mine = self.functions.get(name)
            if mine is not None and not mine.has_body:
                self.functions[name] = fn
                adopted = True
        return adopted

    def merge(self, other: "CPreamble") -> None:
        for name, fn in other.functions.items():
            mine = self.functions.get(name)
            if mine is None or (fn.has_body and not mine.has_body):
                self.functions[name] = fn
        for table in ("structs", "typedefs", "globals"):
            for name, value in getattr(other, table).items():
                getattr(self, table).setdefault(name, value)
        for name, value in other.macros.items():
            _define(self.macros, name, value)
        self.noescape |= other.noescape
        self.nocallback |= other.nocallback
        self.includes |= other.includes
        self.definitions += other.definitions


def parse_preamble(source: SourceFile, read_header=None) -> CPreamble:
    """The C model of one Go file's preamble, following `#include "x.h"` into
    files of the package directory. `read_header(path) -> bytes | None`."""
    ranges = source.preamble_ranges()
    model = CPreamble()
    if not ranges:
        return model
    parser = c_parser()
    parser.included_ranges = ranges
    spans = [(r.start_byte, r.end_byte) for r in ranges]
    markers = marker_macros(source.data, spans)
    tree = parse_bytes(parser, masked(source.data, markers, spans))
    markers = carried(markers)  # (`#define CK_PTR *`: a header read next sees those of the files before it)
    _Extractor(model, source.path, source.position).run(tree.root_node)
    read_header = read_header or read_file
    seen: set[str] = set()
    pending = [(os.path.dirname(source.path), name) for name in sorted(model.includes) if not name.startswith("<")]
    while pending:
        directory, name = pending.pop()
        path = os.path.normpath(os.path.join(directory, name))
        if path in seen or os.path.dirname(path) != os.path.dirname(source.path):
            continue  # only headers of the package directory, each once
        seen.add(path)
        data = read_header(path)
        if data is None:
            continue
        header = CPreamble()
        own = marker_macros(data)
        data = masked(data, {**markers, **own})
        markers.update(carried(own))
        header_file = SourceFile(path, path, data, parse_bytes(c_parser(), data))
        _Extractor(header, path, header_file.position).run(header_file.root)
        model.merge(header)
        pending.extend((os.path.dirname(path), inc) for inc in sorted(header.includes) if not inc.startswith("<"))
    propagate_keeps(model)
    propagate_always_frees(model)
    return model


def c_source_bodies(path: str, data: bytes, everywhere: bool = True) -> tuple[dict[str, CFunction], list[CFunction]]:
    """The functions one of the package's C files defines, with what their
    bodies keep and free: (those it defines with external linkage, once and
    unconditionally; every other body it holds). A file that may not build
    everywhere (`everywhere` False: named for a platform; or with
    `//go:build` lines) gives only other bodies: which one builds is not
    known. Bodies under `#if 0` are none."""
    model = CPreamble()
    root = parse_bytes(c_parser(), masked(data, marker_macros(data))).root_node
    _Extractor(model, path, SourceFile(path, path, data, None).position).run(root)
    propagate_keeps(model)
    propagate_always_frees(model)
    bodies = [fn for fn in model.bodies if not _compiled_out(fn.body)]
    if not everywhere or _BUILD_CONSTRAINT.search(data):
        return {}, bodies
    linked = Counter(d.name for d in model.definitions if d.kind == "function")
    defined = Counter(fn.name for fn in bodies)
    certain = {fn.name: fn for fn in bodies
               if linked[fn.name] == 1 and defined[fn.name] == 1 and not _conditional(fn.body)}
    return certain, [fn for fn in bodies if fn.name not in certain]


def _conditional(node: Node | None) -> bool:
    """Inside `#if`, `#ifdef`... (`#ifdef _WIN32 ... #else ... #endif`);
    not C++'s `#ifdef __cplusplus` guard, never defined for C."""
    while node is not None:
        if node.type in ("preproc_if", "preproc_ifdef", "preproc_else", "preproc_elif", "preproc_elifdef") \
                and b"__cplusplus" not in _condition_text(node):
            return True
        node = node.parent
    return False


def _compiled_out(node: Node | None) -> bool:
    """Inside `#if 0`."""
    while node is not None:
        if node.type == "preproc_if" and _condition_text(node).strip() == b"0":
            return True
        node = node.parent
    return False


def _condition_text(node: Node) -> bytes:
    condition = node.child_by_field_name("condition") or node.child_by_field_name("name")
    return condition.text if condition is not None else b""


_BUILD_CONSTRAINT = re.compile(rb"^\s*//\s*(?:go:build|\+build)\b", re.MULTILINE)


class _Extractor:
    def __init__(self, model: CPreamble, path: str, position):
        self.model, self.path, self.position = model, path, position

    def run(self, root: Node) -> None:
        # `#pragma pack` anywhere: no struct of this preamble is laid out plainly
        self._packed = b"pack" in root.text and b"#pragma" in root.text
        captures = _captures("c_model", root)
        # typedefs first: the parameters of the functions below may be spelled with them
        untagged = []
        for node in captures.get("typedef", []):
            for declarator in node.children_by_field_name("declarator"):
                name, ctype = declared_ctype(node, declarator)
                if name and ctype.base == "struct" and not ctype.pointers and ctype.array is None:
                    untagged.append((name, node.child_by_field_name("type"), ctype))
                if name:
                    self.model.typedefs[name] = ctype
        for node in captures.get("function", []):
            self._function(node, node.child_by_field_name("declarator"), node)
        for node in captures.get("declaration", []):
            if _inside_function(node):
                continue
            for declarator in node.children_by_field_name("declarator"):
                core = strip_init(declarator)
                if _function_declarator(core) is not None:
                    self._function(node, core, None)
                    continue
                name, ctype = declared_ctype(node, core)
                if name:
                    self.model.globals[name] = ctype
        for node in captures.get("define", []):
            _define(self.model.macros, text(node.child_by_field_name("name")),
                    text(node.child_by_field_name("value")).strip())
        for node in captures.get("enumerators", []):
            # an enumerator without a value is the last valued one plus its distance (from 0 at the
            # start); after an #if block or a macro list inside the enum, that distance is unknown
            base, offset = "0", -1
            for child in node.named_children:
                if child.type == "comment":
                    continue
                if child.type != "enumerator" or child.has_error:
                    base = ""
                    continue
                name, value = text(child.child_by_field_name("name")), child.child_by_field_name("value")
                if value is not None:
                    base, offset = name, 0
                    _define(self.model.macros, name, text(value).strip())
                    continue
                offset += 1
                if base:
                    _define(self.model.macros, name, str(offset) if base == "0" else f"({base} + {offset})")
        self.model.definitions += _external_definitions(captures, root, self.path, self.model.macros)
        for node in captures.get("struct", []):
            self._struct(node, text(node.child_by_field_name("name")))
        for name, specifier, ctype in untagged:
            # `typedef struct {...} T`: the struct has no tag, so it goes by T's name,
            # unless a `struct T` of its own exists (C keeps tags and typedef names apart)
            if name not in self.model.structs:
                self._struct(specifier, name)
                self.model.typedefs[name] = CType(f"struct {name}", 0, None, ctype.const)
        for node in captures.get("include", []):
            self.model.includes.add(text(node).strip('"'))
        for node in captures.get("cgo", []):
            argument = text(node.child_by_field_name("argument")).split()
            if len(argument) >= 2 and argument[0] in ("noescape", "nocallback"):
                getattr(self.model, argument[0]).update(argument[1:])

    def _struct(self, node: Node | None, name: str) -> None:
        """Record the fields of a struct (or union) specifier under `name`;
        a tag declared too keeps its own record (the first one wins)."""
        body = node.child_by_field_name("body") if node is not None else None
        if body is None:
            return
        fields, sized = [], True
        for decl in body.named_children:
            if decl.type == "field_declaration":
                declarators = decl.children_by_field_name("declarator")
                # a bitfield shares its unit, an anonymous member is not a named field: not laid out here
                sized = sized and bool(declarators) and not any(c.type == "bitfield_clause" for c in decl.children)
                for declarator in declarators:
                    fields.append(declared_ctype(decl, declarator))
        declaration = node.parent if node.parent is not None and node.parent.type in (
            "declaration", "type_definition") else node
        plain = sized and not any(word in declaration.text for word in _LAYOUT_WORDS) and not self._packed
        self.model.structs.setdefault(name, CStruct(name, fields, plain))

    def _function(self, node: Node, declarator: Node | None, definition: Node | None) -> None:
        fdecl = _function_declarator(declarator)
        if fdecl is None:
            return
        name = text(fdecl.child_by_field_name("declarator"))
        if not name or not name.replace("_", "a").isalnum():
            return
        result = _base_type(node)
        result = CType(result.base, result.pointers + _pointer_depth(declarator, fdecl), None, result.const)
        params, variadic = [], False
        plist = fdecl.child_by_field_name("parameters")
        for child in plist.named_children if plist is not None else []:
            if child.type == "variadic_parameter":
                variadic = True
            elif child.type == "parameter_declaration":
                pdecl = child.child_by_field_name("declarator")
                pname, ptype = declared_ctype(child, pdecl) if pdecl is not None else ("", _base_type(child))
                if ptype.base == "void" and not ptype.pointers and pdecl is None:
                    continue
                params.append(CParam(len(params), pname, ptype))
        location = CLocation(self.path, self.position(fdecl.start_byte), self.position(fdecl.end_byte))
        function = CFunction(name, params, result, location, variadic)
        if definition is not None:
            # `gpointer data` is a pointer parameter: the body's view of it goes through typedefs
            resolved = [CParam(p.index, p.name, self.model.resolve(p.ctype)) for p in params]
            function.keeps, function.keeps_into, function.keep_guards = stored_params(definition, resolved)
            function.frees = freed_params(definition, resolved)
            function.body = definition.child_by_field_name("body")
        existing = self.model.functions.get(name)
        if existing is None or (function.has_body and not existing.has_body):
            self.model.functions[name] = function
        if function.has_body:
            self.model.bodies.append(function)


# Spellings that change a struct's layout from the plain C rules.
_LAYOUT_WORDS = (b"__attribute__", b"_Alignas", b"alignas", b"__declspec")


def _define(macros: dict[str, str], name: str, value: str) -> None:
    """Record `#define name value`; a name defined twice differently (after
    an #undef, or by two preambles) has no one value: it is left empty."""
    macros[name] = value if macros.get(name, value) == value else ""


def _captures(name: str, node: Node) -> dict[str, list[Node]]:
    from tree_sitter import QueryCursor

    captured = QueryCursor(query(C, name)).captures(node)
    return {key: sorted(nodes, key=lambda n: n.start_byte) for key, nodes in captured.items()}


def _storage(node: Node) -> set[str]:
    return {text(c) for c in node.children if c.type == "storage_class_specifier"}


_INLINE = frozenset({"inline", "__inline", "__inline__"})
_WEAK_ATTRIBUTE = re.compile(rb"__attribute__\s*\(\(.*\bweak\b", re.DOTALL)
_PRAGMA_WEAK = re.compile(rb"^[ \t]*#[ \t]*pragma[ \t]+weak[ \t]+(\w+)", re.MULTILINE)
_MACRO_LIKE = re.compile(rb"\b(?:[A-Z][A-Z0-9_]+|[A-Z_][A-Z0-9]*_[A-Z0-9_]*)\b")


def _external_definitions(captures: dict[str, list[Node]], root: Node, path: str,
                          macros: dict[str, str]) -> list[CDefinition]:
    """The functions and variables a preamble defines with external
    linkage, as far as it can tell: not static (in the definition or in an
    earlier declaration), not a C99 inline definition (`inline` without
    `extern`), not weak (by attribute or `#pragma weak`), not compiled out
    (`#if 0`), and with no qualifier macro that could hide a storage class
    (`INLINE int f`: a capitalised word before the type, unknown or defined
    with static, inline or weak in it).
    `int n;` and `extern int n = 1;` define n; `extern int n;` only declares it."""
    internal = {name.decode() for name in _PRAGMA_WEAK.findall(root.text)}
    candidates: list[tuple[Node, Node, str]] = [(node, node.child_by_field_name("declarator"), "function")
                                               for node in captures.get("function", [])]
    for node in captures.get("declaration", []):
        if _inside_function(node):
            continue
        for declarator in node.children_by_field_name("declarator"):
            if _function_declarator(strip_init(declarator)) is not None:
                if "static" in _storage(node) or _WEAK_ATTRIBUTE.search(node.text):
                    internal.add(_declared_name(declarator))  # `static int f(void);` then `int f(void) {...}`
            elif declarator.type == "init_declarator" or "extern" not in _storage(node):
                candidates.append((node, declarator, "variable"))
    found = []
    for node, declarator, kind in candidates:
        name = _declared_name(declarator)
        if not name or name in internal or not _external_linkage(node, declarator, macros):
            continue
        span = declarator if kind == "function" else strip_init(declarator)  # the name's line (GNU style too)
        found.append(CDefinition(name, kind, path, span.start_byte, span.end_byte))
    return found


def _external_linkage(node: Node, declarator: Node, macros: dict[str, str]) -> bool:
    storage = _storage(node)
    if "static" in storage or (storage & _INLINE and "extern" not in storage):
        return False
    body = node.child_by_field_name("body")
    signature = node.text[:body.start_byte - node.start_byte] if body is not None else node.text
    if _WEAK_ATTRIBUTE.search(signature) or _storage_macro(node.text[:declarator.start_byte - node.start_byte],
                                                           macros):
        return False
    return not _compiled_out(node)


def _storage_macro(head: bytes, macros: dict[str, str]) -> bool:
    """Whether a capitalised word before the type may hide a storage class:
    `INLINE int f` with INLINE unknown or defined with static, inline or
    weak in it. The last word is the type itself (`FILE *f`, `BOOL b`), and
    an enum's constants (`enum { MODE_FAST } mode`) are not qualifiers."""
    words = re.findall(rb"[A-Za-z_]\w*", re.sub(rb"\{[^{}]*\}", b" ", head))
    for word in words[:-1]:
        if not _MACRO_LIKE.fullmatch(word):
            continue
        expansion = macros.get(word.decode())
        if expansion is None or re.search(r"\b(static|inline|__inline__|weak)\b", expansion):
            return True
    return False


def _compiled_out(node: Node) -> bool:
    """Inside the body of an `#if 0` (a platform's `#ifdef` branch is
    compiled somewhere, and an include guard's body everywhere)."""
    child, parent = node, node.parent
    while parent is not None:
        if parent.type == "preproc_if" and child != parent.child_by_field_name("alternative") and \
                text(parent.child_by_field_name("condition")).strip() in ("0", "false"):
            return True
        child, parent = parent, parent.parent
    return False


def _declared_name(declarator: Node | None) -> str:
    """The identifier a declarator declares: `pick` in `(*pick(int k))(int)`."""
    while declarator is not None and declarator.type not in ("identifier", "field_identifier"):
        inner = declarator.child_by_field_name("declarator")
        if inner is None:
            inner = next((c for c in declarator.named_children if c.type.endswith("declarator")
                          or c.type == "identifier"), None)
        declarator = inner
    return text(declarator) if declarator is not None else ""


def _inside_function(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.type in ("function_definition", "compound_statement"):
            return True
        parent = parent.parent
    return False


def strip_init(declarator: Node) -> Node:
    if declarator.type == "init_declarator":
        inner = declarator.child_by_field_name("declarator")
        return inner if inner is not None else declarator
    return declarator


def _function_declarator(declarator: Node | None) -> Node | None:
    while declarator is not None:
        if declarator.type == "function_declarator":
            return declarator
        if declarator.type not in ("pointer_declarator", "parenthesized_declarator", "attributed_declarator"):
            return None
        declarator = declarator.child_by_field_name("declarator") or (
            declarator.named_children[-1] if declarator.named_children else None)
    return None


def _pointer_depth(declarator: Node | None, stop: Node | None = None) -> int:
    depth = 0
    while declarator is not None and declarator != stop:
        if declarator.type in ("pointer_declarator", "abstract_pointer_declarator"):
            depth += 1
        declarator = declarator.child_by_field_name("declarator")
    return depth


def _base_type(node: Node) -> CType:
    type_node = node.child_by_field_name("type")
    spelling = " ".join(text(type_node).split()) if type_node is not None else "int"
    if type_node is not None and type_node.type in ("struct_specifier", "union_specifier", "enum_specifier"):
        name = text(type_node.child_by_field_name("name"))
        keyword = type_node.type.split("_")[0]
        spelling = f"{keyword} {name}" if name else keyword
        if keyword == "enum":
            spelling = "int"
    const = any(c.type == "type_qualifier" and text(c) == "const" for c in node.children)
    return CType(spelling, 0, None, const)


def declared_ctype(node: Node, declarator: Node | None) -> tuple[str, CType]:
    """Name and full type declared by `declarator` on top of `node`'s base type."""
    base = _base_type(node)
    pointers, array = base.pointers, None
    name = ""
    while declarator is not None:
        kind = declarator.type
        if kind in ("pointer_declarator", "abstract_pointer_declarator"):
            pointers += 1
        elif kind in ("array_declarator", "abstract_array_declarator"):
            size = declarator.child_by_field_name("size")
            length = int(text(size), 0) if size is not None and text(size).isdigit() else 0
            array = length if array is None else array * length  # `grid[4][8]`: 32
            if size is None:
                pointers += 1
                array = None
        elif kind in ("identifier", "field_identifier", "type_identifier"):
            name = text(declarator)
            break
        elif kind == "function_declarator":
            pointers = max(pointers, 1)  # a function pointer
        nxt = declarator.child_by_field_name("declarator")
        declarator = nxt
    return name, CType(base.base, pointers, array, base.const)
