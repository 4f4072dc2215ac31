"""The C side of a cgo package: the preamble and the local headers it includes,
parsed with tree-sitter-c. Answers what a C function's parameters are, how big
a C type is, and which functions keep a pointer argument after they return."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from tree_sitter import Node

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
    frees: set[int] = field(default_factory=set)  # indices of pointer params the body passes to free()
    body: Node | None = field(default=None, repr=False, compare=False)  # the definition's body, if any

    @property
    def has_body(self) -> bool:
        return self.body is not None

    @property
    def prototype(self) -> str:
        params = ", ".join(f"{p.ctype.spelling}{p.name}".strip() for p in self.params)
        return f"{self.result.spelling}{self.name}({params})"

    def keeps_param(self, index: int) -> bool:
        # called from Go, a store through another argument outlives the call too
        return index in self.keeps or index in self.keeps_into

    def takes_ownership_of(self, index: int) -> bool:
        """Whether the body keeps the pointer or frees it: either way the
        caller's memory is no longer the caller's to free."""
        return self.keeps_param(index) or index in self.frees


@dataclass
class CStruct:
    name: str
    fields: list[tuple[str, CType]]


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

    def function(self, name: str) -> CFunction | None:
        return self.functions.get(name)

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
        if size is None:
            return None
        return size * ctype.array if ctype.array is not None else size

    def _struct_size(self, name: str, depth: int = 0) -> int | None:
        struct = self.structs.get(name)
        if struct is None:
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
            if size is None:
                return None
            element = size if ctype.array is None else (self.ctype_size(CType(ctype.base, ctype.pointers), depth + 1) or size)
            field_align = min(element, 8) or 1
            offset = -(-offset // field_align) * field_align + size
            align = max(align, field_align)
        memo[key] = size = -(-offset // align) * align
        return size

    def merge(self, other: "CPreamble") -> None:
        for name, fn in other.functions.items():
            mine = self.functions.get(name)
            if mine is None or (fn.has_body and not mine.has_body):
                self.functions[name] = fn
        for table in ("structs", "typedefs", "globals"):
            for name, value in getattr(other, table).items():
                getattr(self, table).setdefault(name, value)
        self.noescape |= other.noescape
        self.nocallback |= other.nocallback
        self.includes |= other.includes


def parse_preamble(source: SourceFile, read_header=None) -> CPreamble:
    """The C model of one Go file's preamble, following `#include "x.h"` into
    files of the package directory. `read_header(path) -> bytes | None`."""
    ranges = source.preamble_ranges()
    model = CPreamble()
    if not ranges:
        return model
    parser = c_parser()
    parser.included_ranges = ranges
    tree = parse_bytes(parser, source.data)
    _Extractor(model, source.path, source.position).run(tree.root_node)
    read_header = read_header or _read_file
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
        header_file = SourceFile(path, path, data, parse_bytes(c_parser(), data))
        _Extractor(header, path, header_file.position).run(header_file.root)
        model.merge(header)
        pending.extend((os.path.dirname(path), inc) for inc in sorted(header.includes) if not inc.startswith("<"))
    _propagate_keeps(model)
    return model


def _read_file(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read(1 << 20)
    except OSError:
        return None


class _Extractor:
    def __init__(self, model: CPreamble, path: str, position):
        self.model, self.path, self.position = model, path, position

    def run(self, root: Node) -> None:
        captures = _captures("c_model", root)
        for node in captures.get("function", []):
            self._function(node, node.child_by_field_name("declarator"), node)
        for node in captures.get("declaration", []):
            if _inside_function(node):
                continue
            for declarator in node.children_by_field_name("declarator"):
                core = _strip_init(declarator)
                if _function_declarator(core) is not None:
                    self._function(node, core, None)
                else:
                    name, ctype = _declared(node, core)
                    if name:
                        self.model.globals[name] = ctype
        for node in captures.get("typedef", []):
            for declarator in node.children_by_field_name("declarator"):
                name, ctype = _declared(node, declarator)
                if name:
                    self.model.typedefs[name] = ctype
        for node in captures.get("struct", []):
            name = text(node.child_by_field_name("name"))
            body = node.child_by_field_name("body")
            fields = []
            for decl in body.named_children if body is not None else []:
                if decl.type == "field_declaration":
                    for declarator in decl.children_by_field_name("declarator"):
                        fname, ctype = _declared(decl, declarator)
                        fields.append((fname, ctype))
            self.model.structs.setdefault(name, CStruct(name, fields))
        for node in captures.get("include", []):
            self.model.includes.add(text(node).strip('"'))
        for node in captures.get("cgo", []):
            argument = text(node.child_by_field_name("argument")).split()
            if len(argument) >= 2 and argument[0] in ("noescape", "nocallback"):
                getattr(self.model, argument[0]).update(argument[1:])

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
                pname, ptype = _declared(child, pdecl) if pdecl is not None else ("", _base_type(child))
                if ptype.base == "void" and not ptype.pointers and pdecl is None:
                    continue
                params.append(CParam(len(params), pname, ptype))
        location = CLocation(self.path, self.position(fdecl.start_byte), self.position(fdecl.end_byte))
        function = CFunction(name, params, result, location, variadic)
        if definition is not None:
            function.keeps, function.keeps_into = _stored_params(definition, params)
            function.frees = _freed_params(definition, params)
            function.body = definition.child_by_field_name("body")
        existing = self.model.functions.get(name)
        if existing is None or (function.has_body and not existing.has_body):
            self.model.functions[name] = function


def _captures(name: str, node: Node) -> dict[str, list[Node]]:
    from tree_sitter import QueryCursor

    captured = QueryCursor(query(C, name)).captures(node)
    return {key: sorted(nodes, key=lambda n: n.start_byte) for key, nodes in captured.items()}


def _inside_function(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.type in ("function_definition", "compound_statement"):
            return True
        parent = parent.parent
    return False


def _strip_init(declarator: Node) -> Node:
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


def _declared(node: Node, declarator: Node | None) -> tuple[str, CType]:
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
            array = int(text(size), 0) if size is not None and text(size).isdigit() else (array or 0)
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


def _freed_params(definition: Node, params: list[CParam]) -> set[int]:
    """Indices of pointer parameters that the body passes to `free` (on some
    path: a C function that may free what it is given owns it)."""
    body = definition.child_by_field_name("body")
    pointer_params = {p.name: p.index for p in params if p.name and p.ctype.is_pointer}
    if body is None or not pointer_params or b"free" not in body.text:
        return set()
    return {index for callee, args in _body_stores(body).calls if text(callee) == "free"
            for arg in args.named_children[:1] if (index := pointer_params.get(_value_name(arg))) is not None}


def _stored_params(definition: Node, params: list[CParam]) -> tuple[set[int], dict[int, set[int]]]:
    """The pointer parameters that the body stores where they outlive the
    call, and those it stores through another pointer parameter (which
    outlive the call only if what that parameter points to does)."""
    body = definition.child_by_field_name("body")
    pointer_params = {p.name: p.index for p in params if p.name and p.ctype.is_pointer}
    if body is None or not pointer_params:
        return set(), {}
    stores = _body_stores(body)
    # Only a store of a parameter needs the body's locals (a walk of the body).
    candidates = [(lhs, index) for lhs, value in stores.assignments
                  if (index := pointer_params.get(_value_name(value))) is not None]
    candidates += [(pair, index) for pair, value in stores.field_values
                   if (index := pointer_params.get(_value_name(value))) is not None]
    if not candidates:
        return set(), {}
    locals_ = _locals(body)
    kept: set[int] = set()
    kept_into: dict[int, set[int]] = {}
    for target, index in candidates:
        if target.type == "initializer_pair":
            if _initializer_escapes(target, locals_):
                kept.add(index)
            continue
        holder, dereferenced = _store_root(target)
        if holder in pointer_params and holder not in locals_:
            if dereferenced:  # `r->p = buf`: as long as *r lives
                kept_into.setdefault(index, set()).add(pointer_params[holder])
            continue  # `p = buf`: the parameter itself is a local of the call
        if dereferenced and locals_.get(holder) is False:
            # `reader *rp = &r; rp->p = buf`: a cursor over the frame, or over
            # what a pointer parameter points to
            into = _local_pointer_targets(holder, stores, locals_, pointer_params)
            if into is not None:
                for param in into:
                    kept_into.setdefault(index, set()).add(param)
                continue
        if _outlives_call(target, locals_):
            kept.add(index)
    return kept, kept_into


def _local_pointer_targets(holder: str, stores: "_BodyStores", locals_: dict[str, bool],
                           pointer_params: dict[str, int]) -> set[int] | None:
    """What the body's local pointer `holder` points into, when every value
    it is given says so: the pointer parameters it copies (their indices),
    or, for `&r` or `&r.field` of a non-static local, the frame (nothing to
    add). None when a value is anything else, or there is none."""
    values = [value for target, value in stores.assignments if _assigned_name(target) == holder]
    if not values:
        return None
    into: set[int] = set()
    for value in values:
        value = _strip_casts(value)
        if value is not None and value.type == "pointer_expression" \
                and text(value.child_by_field_name("operator")) == "&":
            root, dereferenced = _store_root(value.child_by_field_name("argument"))
            if locals_.get(root) is False and not dereferenced:
                continue
            return None
        name = text(value) if value is not None and value.type == "identifier" else ""
        if name in pointer_params and name not in locals_:
            into.add(pointer_params[name])
            continue
        return None
    return into


def _assigned_name(target: Node) -> str:
    """The variable an assignment target or declarator names (`rp` for
    `rp` and `*rp`), or "" for a store into part of something (`rp->p`)."""
    while target is not None and target.type in ("pointer_declarator", "parenthesized_declarator"):
        target = target.child_by_field_name("declarator") or (
            target.named_children[-1] if target.named_children else None)
    return text(target) if target is not None and target.type == "identifier" else ""


def _store_root(lhs: Node) -> tuple[str, bool]:
    """The variable an assignment target is rooted in (`r` for `r->a.b[1]`),
    and whether the store goes through a pointer on the way."""
    node, dereferenced = lhs, False
    while node is not None and node.type in ("field_expression", "subscript_expression",
                                              "parenthesized_expression", "pointer_expression"):
        if node.type == "field_expression" and text(node.child_by_field_name("operator")) == "->" or \
                node.type in ("pointer_expression", "subscript_expression"):
            dereferenced = True
        inner = node.child_by_field_name("argument")
        node = inner if inner is not None else (node.named_children[0] if node.named_children else None)
    return (text(node) if node is not None and node.type == "identifier" else ""), dereferenced


@dataclass
class _BodyStores:
    """Where one C function body stores values, and what it passes on."""

    assignments: list[tuple[Node, Node]]  # (target, value) of `a = b` and `T a = b`
    field_values: list[tuple[Node, Node]]  # (pair, value) of `{.field = value}`
    calls: list[tuple[Node, Node]]  # (callee identifier, argument list)


def _body_stores(body: Node) -> _BodyStores:
    from tree_sitter import QueryCursor

    stores = _BodyStores([], [], [])
    # Matches, not captures: each target stays with its own value (designated
    # initializers have values without a target).
    for _, captured in QueryCursor(query(C, "c_stores")).matches(body):
        if "lhs" in captured:
            stores.assignments.append((captured["lhs"][0], captured["rhs"][0]))
        elif "field_value" in captured:
            stores.field_values.append((captured["field_init"][0], captured["field_value"][0]))
        else:
            stores.calls.append((captured["callee"][0], captured["args"][0]))
    return stores


def _locals(body: Node) -> dict[str, bool]:
    """Variables declared in a body: name -> declared static (outlives the call)."""
    names: dict[str, bool] = {}
    for decl in _descendants(body, "declaration"):
        static = any(c.type == "storage_class_specifier" and text(c) == "static" for c in decl.children)
        for declarator in decl.children_by_field_name("declarator"):
            name, _ = _declared(decl, _strip_init(declarator))
            if name:
                names[name] = static
    return names


def _descendants(node: Node, kind: str):
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == kind:
            yield current
        stack.extend(current.named_children)


def _value_name(node: Node) -> str:
    """The identifier a stored value comes from, through casts and parentheses."""
    node = _strip_casts(node)
    return text(node) if node is not None and node.type == "identifier" else ""


def _strip_casts(node: Node | None) -> Node | None:
    while node is not None and node.type in ("cast_expression", "parenthesized_expression"):
        node = node.child_by_field_name("value") or (node.named_children[-1] if node.named_children else None)
    return node


def _outlives_call(lhs: Node, locals_: dict[str, bool]) -> bool:
    """Whether storing into `lhs` makes the value outlive the function call."""
    root = lhs
    while root.type in ("field_expression", "subscript_expression", "parenthesized_expression", "pointer_expression"):
        if root.type == "field_expression" and text(root.child_by_field_name("operator")) == "->":
            return True
        if root.type == "pointer_expression" and text(root.child_by_field_name("operator")) == "*":
            return True
        inner = root.child_by_field_name("argument")
        if inner is None:
            inner = root.named_children[0] if root.named_children else None
        if inner is None:
            return False
        root = inner
    if root.type != "identifier":
        return False
    name = text(root)
    return locals_.get(name, True)  # not a local, or a static local: a global store


def _initializer_escapes(pair: Node, locals_: dict[str, bool]) -> bool:
    """A designated initializer `{.ctx = p}` escapes when the aggregate is stored globally."""
    node = pair.parent
    while node is not None and node.type not in ("init_declarator", "assignment_expression", "compound_statement"):
        node = node.parent
    if node is None or node.type == "compound_statement":
        return False
    target = node.child_by_field_name("declarator" if node.type == "init_declarator" else "left")
    return target is not None and _outlives_call(target, locals_)


def _propagate_keeps(model: CPreamble) -> None:
    """A function that passes its pointer parameter to one that keeps (or
    frees) it keeps (or frees) it too. Passed to one that stores it through
    another argument (`reader_init(&r, buf)` storing `r->p = buf`), it is
    kept only if that argument outlives the call: not the address of a local."""
    if not any(function.keeps or function.frees or function.keeps_into for function in model.functions.values()):
        return  # nothing to pass on (the common case)
    forwarders = []  # the functions that may pass a pointer parameter on, with their calls
    for function in model.functions.values():
        names = {p.name: p.index for p in function.params if p.name and p.ctype.is_pointer}
        if function.body is not None and names:
            forwarders.append((function, names, _body_stores(function.body).calls))
    locals_of: dict[str, dict[str, bool]] = {}
    changed = True
    rounds = 0
    while changed and rounds < 8:
        changed, rounds = False, rounds + 1
        for function, names, calls in forwarders:
            for callee_node, args in calls:
                callee = model.functions.get(text(callee_node))
                if callee is None or callee is function or not (callee.keeps or callee.frees or callee.keeps_into):
                    continue
                arguments = args.named_children
                for position, arg in enumerate(arguments):
                    index = names.get(_value_name(arg))
                    if index is None:
                        continue
                    for passed, taken in ((callee.keeps, function.keeps), (callee.frees, function.frees)):
                        if position in passed and index not in taken:
                            taken.add(index)
                            changed = True
                    for through in sorted(callee.keeps_into.get(position, ())):
                        holder = arguments[through] if through < len(arguments) else None
                        if holder is not None and _address_of_local(holder, locals_of, function):
                            continue  # stored into the caller's own local: gone when it returns
                        holder_index = names.get(_value_name(holder)) if holder is not None else None
                        if holder_index is not None:
                            into = function.keeps_into.setdefault(index, set())
                            if holder_index not in into:
                                into.add(holder_index)
                                changed = True
                        elif index not in function.keeps:
                            function.keeps.add(index)
                            changed = True


def _address_of_local(node: Node, locals_of: dict[str, dict[str, bool]], function: CFunction) -> bool:
    """`&x` where x is a non-static local of `function` (its locals found once)."""
    while node.type in ("cast_expression", "parenthesized_expression"):
        inner = node.child_by_field_name("value") or (node.named_children[-1] if node.named_children else None)
        if inner is None:
            return False
        node = inner
    if node.type != "pointer_expression" or text(node.child_by_field_name("operator")) != "&":
        return False
    name, _ = _store_root(node.child_by_field_name("argument"))
    if function.name not in locals_of:
        locals_of[function.name] = _locals(function.body)
    return locals_of[function.name].get(name) is False  # declared, and not static
