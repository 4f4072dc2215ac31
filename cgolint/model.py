"""The package model: the facts every rule reads, computed once per package.

A package is a directory: its Go files, their declarations, their cgo
preambles merged into one C model. Expression facts (type, memory origin)
are derived on demand and cached."""
from __future__ import annotations

import bisect
import os
from dataclasses import dataclass
from functools import cached_property

from tree_sitter import Node

from . import gotypes
from .gotypes import GoType, parse_type
from .parsing import GO
from .preamble import CPreamble, parse_preamble
from .declarations import ContextFiles, declaration_table, method_table
from .scopes import FUNCTION_KINDS, FunctionScope, Symbol
from .source import SourceFile, text

# C functions (as `C.name`) whose result is memory the caller must free.
C_ALLOCATORS = frozenset({"CString", "CBytes", "malloc", "calloc", "realloc", "strdup", "strndup"})
GO_MEMORY, C_MEMORY = "go", "c"
_UNKNOWN = object()  # not yet in a memo (None is a memoised answer)


@dataclass(frozen=True)
class CallTarget:
    """What a call expression calls. kind: c (C.name), unsafe, builtin,
    conversion, func (a function of this package), method, other."""

    kind: str
    name: str
    node: Node | None = None  # the Go declaration, for func and method


class PackageModel:
    def __init__(self, directory: str, files: list[SourceFile], read_header=None,
                 context: ContextFiles | None = None):
        """`files` are the package files being analysed; `context` the
        directory's other Go files, parsed only for a declaration not found
        in `files`."""
        self.directory = directory
        self.files = files
        self._read_header = read_header
        self._context = context
        self._scopes: dict[tuple[str, int], FunctionScope] = {}
        # Rules and shared analyses ask about the same nodes over and over:
        # each identifier, expression and call is answered once per package.
        # A node is its own key: it hashes and compares by tree and position
        # in C, cheaper than any key built from its properties.
        self._types: dict[Node, GoType | None] = {}
        self._resolved: dict[Node, Symbol | None] = {}
        self._targets: dict[Node, CallTarget] = {}
        self._origins: dict[Node, str | None] = {}
        self._spelled: dict[Node, GoType | None] = {}
        self._memos: dict[str, object] = {}

    def memo(self, analysis: str, make=dict):
        """The memo of a shared analysis (flows, pointer facts, pins...): what
        it worked out for this package, kept as long as the model is. `make`
        builds it on first use."""
        found = self._memos.get(analysis)
        if found is None:
            found = self._memos[analysis] = make()
        return found

    # --- declarations -------------------------------------------------
    @cached_property
    def preamble(self) -> CPreamble:
        merged = CPreamble()
        for source in self.files:
            if source.uses_cgo:
                merged.merge(parse_preamble(source, self._read_header))
        return merged

    @cached_property
    def _declarations(self) -> dict[str, Symbol]:
        return declaration_table(self.files)

    @cached_property
    def _own_methods(self) -> dict[tuple[str, str], Node]:
        return method_table(self.files)

    @property
    def all_files(self) -> list[SourceFile]:
        """The analysed files and the context files parsed so far."""
        return self.files + (self._context.parsed if self._context is not None else [])

    def declaration(self, name: str) -> Symbol | None:
        """A package-level declaration (func, type, var, const) by name."""
        found = self._declarations.get(name)
        if found is None and self._context is not None:
            found = self._context.declaration(name)
        return found

    def declares_cgo_callable(self, name: str, method: bool = False) -> bool:
        """Whether a file of the package that imports "C" declares a function
        (or, with `method`, a method) named `name`: a cheap test, before
        the model is asked about a call, of whether its callee can reach C."""
        if method:
            found = name in self._cgo_method_names
        else:
            symbol = self._declarations.get(name)
            found = symbol is not None and symbol.kind == "func" and symbol.file.uses_cgo
        if found or self._context is None:
            return found
        return self._context.declares_cgo_callable(name, method)

    @cached_property
    def _cgo_method_names(self) -> frozenset[str]:
        """The names of the methods the analysed files that import "C" declare."""
        return frozenset(name for (_, name), node in self._own_methods.items() if self.file_of(node).uses_cgo)

    def method(self, receiver: str, name: str) -> Node | None:
        """The declaration of method `name` on the package type `receiver`."""
        found = self._own_methods.get((receiver, name))
        if found is None and self._context is not None:
            found = self._context.method(receiver, name)
        return found

    def file_of(self, node: Node) -> SourceFile:
        root = node
        while root.parent is not None:
            root = root.parent
        for source in self.all_files:
            if source.root == root:
                return source
        raise ValueError("node is not in this package")

    # --- identifiers --------------------------------------------------
    def scope_of(self, node: Node, source: SourceFile) -> FunctionScope | None:
        top = source.root.child_with_descendant(node) if node != source.root else None
        if top is None:
            return None
        # A function declaration, or a function literal in a package-level
        # declaration found by its byte range: descending to it could cost the
        # depth of a deeply nested expression for every identifier.
        function = top if top.type in FUNCTION_KINDS else self._literal_at(node, top, source)
        if function is None:
            return None
        key = (source.path, function.start_byte)
        scope = self._scopes.get(key)
        if scope is None:
            scope = self._scopes[key] = FunctionScope(function, source)
        return scope

    def _literal_at(self, node: Node, top: Node, source: SourceFile) -> Node | None:
        """The outermost function literal of package-level declaration `top`
        that contains `node` (or is it), if any."""
        cache = self.memo("outer function literals")
        key = (source.path, top.start_byte)
        found = cache.get(key)
        if found is None:
            literals, stack = [], [top]
            while stack:  # the literals not inside another literal, in order
                current = stack.pop()
                if current.type == "func_literal":
                    literals.append(current)
                else:
                    stack.extend(reversed(current.named_children))
            found = cache[key] = ([literal.start_byte for literal in literals], literals)
        starts, literals = found
        index = bisect.bisect_right(starts, node.start_byte) - 1
        if index < 0:
            return None
        literal = literals[index]
        if literal == node:
            return literal
        inside = literal.start_byte <= node.start_byte and node.end_byte <= literal.end_byte
        same_range = literal.start_byte == node.start_byte and literal.end_byte == node.end_byte
        return literal if inside and not same_range else None  # same range: an ancestor of the literal

    def resolve(self, ident: Node, source: SourceFile) -> Symbol | None:
        """What the identifier at a use site refers to, or None if unknown
        (a universe name, an import, or something this model cannot see)."""
        found = self._resolved.get(ident, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._resolved[ident] = self._resolve(ident, source) if ident.type == "identifier" else None
        return found

    def _resolve(self, ident: Node, source: SourceFile) -> Symbol | None:
        name = text(ident)
        if name == "_":
            return None  # the blank identifier declares and refers to nothing
        scope = self.scope_of(ident, source)
        if scope is not None:
            symbol = scope.resolve(ident, name)
            if symbol is not None:
                return symbol
        return None if name in source.imports else self.declaration(name)

    # --- types --------------------------------------------------------
    def underlying(self, t: GoType | None, depth: int = 0) -> GoType | None:
        """Follow named types declared in this package to their definition."""
        while t is not None and t.kind == "named" and depth < 16:
            symbol = self.declaration(t.name)
            if symbol is None or symbol.kind != "type":
                return None
            t = self.spelled_type(symbol.type_node, symbol.file.imports)
            depth += 1
        return t

    def spelled_type(self, node: Node | None, imports: dict[str, str]) -> GoType | None:
        """The GoType a type node spells (`parse_type`), once per node: every
        use of a variable asks for the type its declaration spells. `imports`
        are those of the node's file."""
        if node is None:
            return None
        found = self._spelled.get(node, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._spelled[node] = parse_type(node, imports)
        return found

    def type_of(self, expr: Node | None, source: SourceFile, depth: int = 0) -> GoType | None:
        """The type of an expression, as far as source tells; None if unknown."""
        if expr is None or depth > 24:
            return None
        return _memoised(self._types, self._type_of, expr, source, depth)

    def _type_of(self, expr: Node, source: SourceFile, depth: int) -> GoType | None:
        kind = expr.type
        recurse = lambda node: self.type_of(node, source, depth + 1)  # noqa: E731
        if kind == "parenthesized_expression":
            return recurse(expr.named_children[0]) if expr.named_children else None
        if kind == "identifier":
            return self._symbol_type(self.resolve(expr, source), depth)
        if kind in ("interpreted_string_literal", "raw_string_literal"):
            return gotypes.STRING
        if kind == "int_literal":
            return gotypes.INT
        if kind == "float_literal":
            return GoType("basic", "float64")
        if kind == "rune_literal":
            return GoType("basic", "rune")
        if kind in ("true", "false"):
            return gotypes.BOOL
        if kind == "composite_literal":
            return self.spelled_type(expr.child_by_field_name("type"), source.imports)
        if kind == "type_conversion_expression":
            return self.spelled_type(expr.child_by_field_name("type"), source.imports)
        if kind == "type_assertion_expression":
            return self.spelled_type(expr.child_by_field_name("type"), source.imports)
        if kind == "func_literal":
            return GoType("func")
        if kind == "unary_expression":
            operator = text(expr.child_by_field_name("operator"))
            operand = recurse(expr.child_by_field_name("operand"))
            if operator == "&":
                return GoType("pointer", elem=operand)
            if operator == "*":
                operand = self.underlying(operand)
                return operand.elem if operand is not None and operand.kind == "pointer" else None
            if operator == "!":
                return gotypes.BOOL
            return operand if operator in ("-", "+", "^") else None
        if kind == "index_expression":
            container = self.underlying(recurse(expr.child_by_field_name("operand")))
            if container is not None and container.kind == "pointer":
                container = self.underlying(container.elem)
            if container is None:
                return None
            if container.kind in ("slice", "array"):
                return container.elem
            if container.kind == "string":
                return gotypes.BYTE
            return None
        if kind == "slice_expression":
            container = self.underlying(recurse(expr.child_by_field_name("operand")))
            if container is not None and container.kind == "pointer":
                container = self.underlying(container.elem)
            if container is None:
                return None
            if container.kind == "array":
                return gotypes.slice_of(container.elem)
            return container if container.kind in ("slice", "string") else None
        if kind == "selector_expression":
            return self._selector_type(expr, source, depth)
        if kind == "call_expression":
            return self._call_type(expr, source, depth)
        if kind == "binary_expression":
            operator = text(expr.child_by_field_name("operator"))
            if operator in ("==", "!=", "<", "<=", ">", ">=", "&&", "||"):
                return gotypes.BOOL
            return recurse(expr.child_by_field_name("left"))
        return None

    def _symbol_type(self, symbol: Symbol | None, depth: int) -> GoType | None:
        if symbol is None:
            return None
        if symbol.kind in ("func", "type"):
            return None
        if symbol.type_node is not None:
            declared = self.spelled_type(symbol.type_node, symbol.file.imports) if symbol.type_node.type != "variadic_parameter_declaration" \
                else gotypes.slice_of(self.spelled_type(symbol.type_node.child_by_field_name("type"), symbol.file.imports))
            return declared
        if symbol.range_of is not None:
            ranged = self.underlying(self.type_of(symbol.range_of, symbol.file, depth + 1))
            if ranged is None:
                return None
            if symbol.index == 0:
                return gotypes.INT if ranged.kind in ("slice", "array", "string") else None
            if ranged.kind in ("slice", "array"):
                return ranged.elem
            return GoType("basic", "rune") if ranged.kind == "string" else None
        if symbol.value is None:
            return None
        if symbol.index:
            return self._result_type(symbol.value, symbol.file, symbol.index)
        return self.type_of(symbol.value, symbol.file, depth + 1)

    def _selector_type(self, expr: Node, source: SourceFile, depth: int) -> GoType | None:
        operand = expr.child_by_field_name("operand")
        name = text(expr.child_by_field_name("field"))
        if operand is not None and operand.type == "identifier" and text(operand) in source.imports \
                and self.resolve(operand, source) is None:
            path = source.imports[text(operand)]
            if path == "C":
                global_type = self.preamble.globals.get(name)
                return gotypes.c_type(global_type.base.replace(" ", "_"), global_type.pointers) if global_type else None
            return gotypes.STANDARD_TYPES.get((path, name))
        base = self.underlying(self.type_of(operand, source, depth + 1))
        if base is not None and base.kind == "pointer":
            base = self.underlying(base.elem)
        if base is None or base.kind != "struct":
            return None
        for field_name, field_type in base.fields:
            if field_name == name:
                return field_type
        return None

    def _call_type(self, expr: Node, source: SourceFile, depth: int) -> GoType | None:
        target = self.call_target(expr, source)
        if target.kind == "conversion":
            return self.spelled_type(expr.child_by_field_name("function"), source.imports)
        if target.kind == "c":
            return self._c_call_type(target.name)
        if target.kind in ("func", "method") and target.node is not None:
            return self._result_type(expr, source, 0)
        args = call_arguments(expr)
        if target.kind == "builtin":
            if target.name in ("make",) and args:
                return self.spelled_type(args[0], source.imports)
            if target.name == "new" and args:
                return GoType("pointer", elem=self.spelled_type(args[0], source.imports))
            if target.name in ("len", "cap", "copy"):
                return gotypes.INT
            if target.name == "append" and args:
                return self.type_of(args[0], source, depth + 1)
            return None
        if target.kind == "unsafe":
            if target.name == "Pointer":
                return gotypes.UNSAFE_POINTER
            if target.name == "Slice" and args:
                pointee = self.underlying(self.type_of(args[0], source, depth + 1))
                return gotypes.slice_of(pointee.elem) if pointee is not None and pointee.kind == "pointer" else None
            if target.name == "SliceData" and args:
                sliced = self.underlying(self.type_of(args[0], source, depth + 1))
                return GoType("pointer", elem=sliced.elem) if sliced is not None and sliced.kind == "slice" else None
            if target.name == "String":
                return gotypes.STRING
            if target.name == "StringData":
                return GoType("pointer", elem=gotypes.BYTE)
            if target.name in ("Sizeof", "Alignof", "Offsetof"):
                return GoType("basic", "uintptr")
        return None

    def _c_call_type(self, name: str) -> GoType | None:
        if name == "CString":
            return gotypes.c_type("char", 1)
        if name in ("CBytes", "malloc", "calloc", "realloc"):
            return gotypes.UNSAFE_POINTER
        if name == "GoString" or name == "GoStringN":
            return gotypes.STRING
        if name == "GoBytes":
            return gotypes.slice_of(gotypes.BYTE)
        function = self.preamble.function(name)
        if function is not None:
            result = function.result
            base = result.base.replace("struct ", "struct_").replace(" ", "")
            if result.base == "void" and result.pointers:
                return gotypes.UNSAFE_POINTER if result.pointers == 1 else gotypes.c_type("void", result.pointers)
            return gotypes.c_type(base, result.pointers)
        if name in self.preamble.typedefs or name in gotypes.NUMERIC_SIZES or name.startswith("struct_") \
                or name in _C_SCALAR_NAMES:
            return gotypes.c_type(name)
        return None

    def _result_type(self, call: Node, source: SourceFile, index: int) -> GoType | None:
        if call.type != "call_expression":
            return None
        target = self.call_target(call, source)
        if target.kind not in ("func", "method") or target.node is None:
            return None
        result = target.node.child_by_field_name("result")
        if result is None:
            return None
        owner = self.file_of(target.node)
        if result.type != "parameter_list":
            return self.spelled_type(result, owner.imports) if index == 0 else None
        types: list[GoType | None] = []
        for decl in result.named_children:
            parsed = self.spelled_type(decl.child_by_field_name("type"), owner.imports)
            types.extend([parsed] * max(1, len(decl.children_by_field_name("name"))))
        return types[index] if index < len(types) else None

    def call_target(self, call: Node, source: SourceFile) -> CallTarget:
        """Classify what `call` calls: a C function, unsafe, a builtin, a type
        conversion, or a Go function or method of this package."""
        found = self._targets.get(call)
        if found is None:
            found = self._targets[call] = self._call_target(call, source)
        return found

    def _call_target(self, call: Node, source: SourceFile) -> CallTarget:
        function = call.child_by_field_name("function")
        if function is None:
            return CallTarget("other", "")
        while function.type == "parenthesized_expression" and function.named_children:
            inner = function.named_children[0]
            if inner.type == "unary_expression" or inner.type.endswith("_type"):
                return CallTarget("conversion", text(inner))
            function = inner
        if function.type == "identifier":
            name = text(function)
            symbol = self.resolve(function, source)
            if symbol is None:
                if name in _BUILTIN_FUNCS:
                    return CallTarget("builtin", name)
                if name in gotypes.BUILTIN_TYPES:
                    return CallTarget("conversion", name)
                return CallTarget("other", name)
            if symbol.kind == "func":
                return CallTarget("func", name, symbol.node)
            if symbol.kind == "type":
                return CallTarget("conversion", name)
            return CallTarget("other", name)
        if function.type == "selector_expression":
            operand = function.child_by_field_name("operand")
            name = text(function.child_by_field_name("field"))
            if operand is not None and operand.type == "identifier" and self.resolve(operand, source) is None:
                path = source.imports.get(text(operand))
                if path == "C":
                    return CallTarget("c", name)
                if path == "unsafe":
                    return CallTarget("unsafe", name)
                if path is not None:
                    return CallTarget("other", f"{path}.{name}")
            receiver = self.underlying_name(self.type_of(operand, source))
            method = self.method(receiver, name) if receiver else None
            if method is not None:
                return CallTarget("method", name, method)
            return CallTarget("other", name)
        if function.type.endswith("_type") or function.type == "generic_type":
            return CallTarget("conversion", text(function))
        return CallTarget("other", "")

    @staticmethod
    def underlying_name(t: GoType | None) -> str:
        if t is not None and t.kind == "pointer":
            t = t.elem
        return t.name if t is not None and t.kind == "named" else ""

    def contains_go_pointers(self, t: GoType | None, depth: int = 0) -> bool | None:
        """Whether a value of type t holds Go pointers (True), none (False), or unknown (None)."""
        if depth > 16:
            return None
        t = self.underlying(t)
        if t is None:
            return None
        if t.kind in ("pointer", "slice", "map", "chan", "func", "interface", "string", "unsafe_pointer"):
            return True
        if t.kind in ("basic", "c"):
            return False
        if t.kind == "array":
            return self.contains_go_pointers(t.elem, depth + 1)
        if t.kind == "struct":
            verdicts = [self.contains_go_pointers(f, depth + 1) for _, f in t.fields]
            if any(v is True for v in verdicts):
                return True
            return None if any(v is None for v in verdicts) else False
        return None

    def size_of(self, t: GoType | None) -> int | None:
        """Size in bytes on a 64-bit target, or None if unknown."""
        t = self.underlying(t)
        if t is None:
            return None
        if t.kind == "basic":
            return gotypes.NUMERIC_SIZES.get(t.name)
        if t.kind == "c":
            return self.preamble.size_of(t.name) or _C_ALIAS_SIZES.get(t.name)
        if t.kind in ("pointer", "unsafe_pointer", "map", "chan", "func"):
            return 8
        if t.kind == "string":
            return 16
        if t.kind == "slice":
            return 24
        if t.kind == "array" and t.length is not None:
            element = self.size_of(t.elem)
            return element * t.length if element is not None else None
        return None

    # --- memory origin --------------------------------------------------
    def origin_of(self, expr: Node | None, source: SourceFile, depth: int = 0) -> str | None:
        """Where the memory an expression points into lives: GO_MEMORY,
        C_MEMORY, or None when source does not say."""
        if expr is None or depth > 16:
            return None
        return _memoised(self._origins, self._origin_of, expr, source, depth)

    def _origin_of(self, expr: Node, source: SourceFile, depth: int) -> str | None:
        kind = expr.type
        recurse = lambda node: self.origin_of(node, source, depth + 1)  # noqa: E731
        if kind == "parenthesized_expression":
            return recurse(expr.named_children[0]) if expr.named_children else None
        if kind == "type_conversion_expression":
            operand = expr.child_by_field_name("operand")
            target = self.spelled_type(expr.child_by_field_name("type"), source.imports)
            if target is not None and target.kind == "slice":
                return GO_MEMORY  # []byte(s) copies into new Go memory
            return recurse(operand)
        if kind == "composite_literal":
            return GO_MEMORY
        if kind == "unary_expression" and text(expr.child_by_field_name("operator")) == "&":
            return self._address_origin(expr.child_by_field_name("operand"), source, depth)
        if kind in ("index_expression", "slice_expression"):
            return self._address_origin(expr, source, depth)
        if kind == "call_expression":
            target = self.call_target(expr, source)
            if target.kind == "c":
                if target.name in C_ALLOCATORS:
                    return C_MEMORY
                function = self.preamble.function(target.name)
                return C_MEMORY if function is not None and function.result.is_pointer else None
            if target.kind == "builtin" and target.name in ("make", "new", "append"):
                return GO_MEMORY
            args = call_arguments(expr)
            if target.kind == "unsafe" and target.name in ("Slice", "SliceData", "Pointer", "String", "StringData", "Add") and args:
                return recurse(args[0])
            if target.kind == "conversion" and args:
                converted = self.spelled_type(expr.child_by_field_name("function"), source.imports)
                if converted is not None and converted.kind in ("slice", "string"):
                    return GO_MEMORY
                return recurse(args[0])
            return None
        if kind == "identifier":
            return self._identifier_origin(expr, source, depth)
        if kind == "selector_expression":
            held = self.underlying(self.type_of(expr, source))
            if held is not None and held.kind in ("pointer", "unsafe_pointer"):
                return None  # a pointer field holds whatever was stored in it, not its struct's memory
            return self._address_origin(expr, source, depth, address_taken=False)
        return None

    def _identifier_origin(self, ident: Node, source: SourceFile, depth: int) -> str | None:
        symbol = self.resolve(ident, source)
        if symbol is None or symbol.kind in ("func", "type", "const"):
            return None
        values = [symbol.value] if symbol.value is not None and not symbol.index else []
        values += [rhs for _, rhs in symbol.writes]
        if symbol.value is None and symbol.kind in ("param", "receiver", "result", "local", "package_var"):
            declared = self.underlying(self._symbol_type(symbol, depth + 1))
            if declared is not None and declared.kind in ("slice", "array", "string") and \
                    (declared.elem is None or declared.elem.kind != "c"):
                if declared.kind == "array" or not symbol.writes:
                    return GO_MEMORY
            if declared is not None and declared.kind == "array":
                return GO_MEMORY
            if not values:
                return None
        if not values or any(v is None for v in values):
            return None
        origins = {self.origin_of(v, symbol.file, depth + 1) for v in values}
        return origins.pop() if len(origins) == 1 else None

    def _address_origin(self, operand: Node | None, source: SourceFile, depth: int, address_taken: bool = True) -> str | None:
        """Origin of the memory `&operand` (or an element of operand) lives in."""
        node = operand
        while node is not None and depth < 32:
            depth += 1
            kind = node.type
            if kind == "parenthesized_expression":
                node = node.named_children[0] if node.named_children else None
            elif kind in ("index_expression", "slice_expression", "selector_expression"):
                base = node.child_by_field_name("operand")
                base_type = self.underlying(self.type_of(base, source))
                if base_type is None:
                    return None
                if base_type.kind in ("slice", "pointer", "unsafe_pointer", "string"):
                    return self.origin_of(base, source, depth + 1)  # memory the base points into
                if base_type.kind == "c" and kind == "selector_expression":
                    return None
                node = base  # an array or struct value: the same variable's memory
            elif kind == "identifier":
                symbol = self.resolve(node, source)
                if symbol is None or symbol.kind in ("func", "type", "const"):
                    return None
                if not address_taken and node is operand:
                    return self._identifier_origin(node, source, depth)
                return GO_MEMORY  # a Go variable: its own storage is Go memory
            elif kind == "unary_expression" and text(node.child_by_field_name("operator")) == "*":
                return self.origin_of(node.child_by_field_name("operand"), source, depth + 1)
            elif kind == "composite_literal":
                return GO_MEMORY
            else:
                return self.origin_of(node, source, depth + 1)
        return None

    @cached_property
    def package_name(self) -> str:
        for source in self.files:
            if source.package_name:
                return source.package_name
        return os.path.basename(self.directory)


_BUILTIN_FUNCS = frozenset({"make", "new", "len", "cap", "append", "copy", "delete", "panic", "recover",
                            "print", "println", "close", "complex", "real", "imag", "min", "max", "clear"})
_C_SCALAR_NAMES = frozenset({"char", "schar", "uchar", "short", "ushort", "int", "uint", "long", "ulong",
                             "longlong", "ulonglong", "float", "double", "size_t", "uintptr_t", "int8_t",
                             "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t",
                             "ssize_t", "intptr_t", "off_t", "ptrdiff_t", "wchar_t", "complexfloat",
                             "complexdouble"})
_C_ALIAS_SIZES = {"complexfloat": 8, "complexdouble": 16}


def _memoised(memo: dict, derive, expr: Node, source: SourceFile, depth: int):
    """`derive(expr, source, depth)`, remembered for the questions rules ask
    (depth 0); an answer inside a recursion may be cut short by its depth."""
    if depth:
        return derive(expr, source, depth)
    found = memo.get(expr, _UNKNOWN)
    if found is _UNKNOWN:
        found = memo[expr] = derive(expr, source, depth)
    return found


def call_arguments(call: Node) -> list[Node]:
    # Every rule asks this of every call: the argument list is the call's last
    # child (a list tree-sitter caches on the node), and kind ids compare
    # cheaper than kind names.
    args = call.children[-1] if call.child_count else None
    if args is None or args.kind_id != _ARGUMENT_LIST:
        args = call.child_by_field_name("arguments")  # error recovery may leave something after it
        if args is None:
            return []
    return [a for a in args.named_children if a.kind_id != _COMMENT]


_ARGUMENT_LIST = GO.id_for_node_kind("argument_list", True)
_COMMENT = GO.id_for_node_kind("comment", True)
