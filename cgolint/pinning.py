"""Which objects a function pins with a `runtime.Pinner` and where it unpins
them, read by CGL004 to accept a Go pointer that is pinned while C holds it.

A function's pins are collected in one walk and cached per package. They
stand apart from the other facts about Go memory that C sees (what an
argument points to in `go_pointers`, `handles`, stores into C memory in
`pointer_stores`): none of those asks anything of a Pinner.

Every fact is computed from source and stays None/empty when source does
not tell; the rules that read these facts then stay silent."""
from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from .call_targets import call_arguments
from .gotypes import GoType
from .model import PackageModel
from .scopes import FUNCTION_KINDS, Symbol, dominating_statements, outermost_function
from .source import SourceFile, strip_parens, text, walk

PINNER_NAME = "runtime.Pinner"


@dataclass
class PinnerUse:
    """One function-local `runtime.Pinner` (`var p runtime.Pinner`,
    `p := new(runtime.Pinner)`, `p := &runtime.Pinner{}`) and its calls."""

    symbol: Symbol
    pins: list[Node] = field(default_factory=list)            # p.Pin(x) calls
    unpins: list[Node] = field(default_factory=list)          # p.Unpin() run in place
    deferred_unpins: list[Node] = field(default_factory=list)  # defer p.Unpin(), defer func(){ p.Unpin() }()
    escapes: bool = False  # used otherwise: passed, returned, stored, captured by a closure run later

    @property
    def name(self) -> str:
        return self.symbol.name


@dataclass
class FunctionPins:
    """Pinning facts of one top-level function (its closures included)."""

    function: Node
    pinners: list[PinnerUse]
    pin_calls: list[Node]  # every `x.Pin(arg)` on a Pinner, or on something whose type is unknown

    def pinned_before(self, node: Node) -> bool:
        """Whether something is pinned before `node` in this function. Which
        object is pinned is not compared: pinning the pointee of a field is
        as legal as pinning the object, and guessing wrong costs a false report."""
        return any(call.start_byte < node.start_byte for call in self.pin_calls)

    def unpinned_first(self, call: Node) -> PinnerUse | None:
        """For a deferred call: a pinner whose deferred Unpin is registered
        after it, and so runs before it (deferred calls run last in, first
        out), when every pinner of the function is unpinned that way (which
        object each pins is not compared: one still pinned may hold it)."""
        statement = call.parent
        if statement is None or statement.type != "defer_statement":
            return None
        pinning = [p for p in self.pinners if p.pins]
        first = [p for p in pinning if not p.escapes and not p.unpins
                 and any(u.start_byte > statement.end_byte for u in p.deferred_unpins)]
        return first[0] if first and len(first) == len(pinning) else None

    def unpinned_in_place(self) -> bool:
        """Some pinner of the function is unpinned by a plain `p.Unpin()` call."""
        return any(p.unpins for p in self.pinners)

    def deferred_unpin(self) -> PinnerUse | None:
        """A pinner of this function unpinned by `defer`, if any."""
        return next((p for p in self.pinners if p.deferred_unpins and not p.escapes), None)


def is_pinner_type(t: GoType | None) -> bool:
    if t is not None and t.kind == "pointer":
        t = t.elem
    return t is not None and t.kind == "struct" and t.name == PINNER_NAME


def _promotes_pin(package: PackageModel, t: GoType | None) -> bool:
    """A struct of the package that embeds a `runtime.Pinner` (or a pointer
    to one) and has no `Pin` method of its own: `sr.Pin(p)` is the Pinner's."""
    name = package.underlying_name(t)
    struct = package.underlying(GoType("named", name)) if name else None
    if struct is None or struct.kind != "struct" or package.method(name, "Pin") is not None \
            or any(field == "Pin" for field, _ in struct.fields):
        return False  # (a method or a field of its own named Pin hides the Pinner's)
    return any(field == "Pinner" and is_pinner_type(field_type) for field, field_type in struct.fields)


def function_pins(package: PackageModel, source: SourceFile, node: Node) -> FunctionPins | None:
    """Pinning facts of the top-level function containing `node` (cached per package)."""
    function = outermost_function(node, source.root)
    if function is None:
        return None
    cache = package.memo("pins")
    key = (source.path, function.start_byte)
    if key not in cache:
        cache[key] = _collect_pins(package, source, function)
    return cache[key]


def pinned_for_good_before(package: PackageModel, source: SourceFile, at: Node, root: Symbol) -> bool:
    """Whether the function around `at` pins memory of variable `root`
    with a package-level Pinner it never unpins, in a statement that runs
    before `at` on every path to it (`pinner.Pin(v)` ... `return v`)."""
    pins = function_pins(package, source, at)
    if pins is None:
        return False
    for call in pins.pin_calls:
        if call.start_byte < at.start_byte and _runs_before(call, at) and \
                _pins_for_good(package, source, pins.function, call) and _pinned_root(package, source, call) is root:
            return True
    return False


def pinned_package_variables(package: PackageModel) -> frozenset[int]:
    """ids of the package-level variables that stay pinned once some
    function pins them with a package-level Pinner it does not unpin
    (`func init() { pinner.Pin(&table[0]) }`), and that nothing assigns
    except that function before it pins: their memory is pinned whenever
    C sees it. (Cached per package.)"""
    cache = package.memo("pinned package variables")
    found = cache.get("ids")
    if found is None:
        ids = set()
        for source in package.files:
            if b".Pin(" not in source.data:
                continue
            for function in source.root.named_children:
                if function.type not in FUNCTION_KINDS:
                    continue
                for call in function_pins(package, source, function).pin_calls:
                    root = _pinned_root(package, source, call)
                    if root is None or root.kind != "package_var" or \
                            not _pins_for_good(package, source, function, call):
                        continue
                    if all(where == function and offset < call.start_byte
                           for where, offset in _package_var_assignments(package, root)):
                        ids.add(id(root))
        found = cache["ids"] = frozenset(ids)
    return found


def _pinned_root(package: PackageModel, source: SourceFile, call: Node) -> Symbol | None:
    """The variable whose memory `x.Pin(arg)` pins (`&buf[0]`, `v`, `unsafe.SliceData(s)`)."""
    from .go_pointers import go_pointer  # (go_pointers reads no pinning facts)

    pointer = go_pointer(call_arguments(call)[0], package, source)
    return pointer.root if pointer is not None else None


def _pins_for_good(package: PackageModel, source: SourceFile, function: Node, call: Node) -> bool:
    """`pinner.Pin(x)` on a package-level Pinner that `function` never
    unpins (nor by defer): x stays pinned after the function returns. A
    function-local Pinner must be unpinned before it is collected."""
    operand = strip_parens(call.child_by_field_name("function").child_by_field_name("operand"))
    if operand is None or operand.type != "identifier":
        return False
    pinner = package.resolve(operand, source)
    return pinner is not None and pinner.kind == "package_var" and \
        operand.text + b".Unpin(" not in source.data[function.start_byte:function.end_byte]


def _runs_before(call: Node, at: Node) -> bool:
    """The statement holding `call` runs before `at` on every path to it."""
    statement = call
    while statement.parent is not None and statement.parent.type not in ("statement_list", "block"):
        if statement.type in FUNCTION_KINDS:
            return False
        statement = statement.parent
    return statement in dominating_statements(at)


def _package_var_assignments(package: PackageModel, variable: Symbol) -> list[tuple[Node | None, int]]:
    """(outermost function, offset) of every assignment to a package-level
    variable, in every file of the package that mentions it."""
    found = []
    for source in package.files_mentioning(variable.name):
        for node in source.declarations[1]:
            if node.type != "assignment_statement":
                continue
            left = node.child_by_field_name("left")
            for target in left.named_children if left is not None else []:
                target = strip_parens(target)
                if target.type == "identifier" and target.text == variable.name.encode() and \
                        package.resolve(target, source) is variable:
                    found.append((outermost_function(node, source.root), node.start_byte))
    return found


def _collect_pins(package: PackageModel, source: SourceFile, function: Node) -> FunctionPins:
    if b".Pin(" not in source.data[function.start_byte:function.end_byte]:
        return FunctionPins(function, [], [])  # nothing pinned: skip resolving every identifier
    pinners: dict[int, PinnerUse] = {}
    pin_calls: list[Node] = []
    uses: list[tuple[Node, Symbol]] = []
    identifiers: list[Node] = []
    named: set[bytes] = set()  # the variables that Pin or Unpin is called on: the only possible pinners
    for node in walk(function):
        if node.type == "call_expression":
            callee = node.child_by_field_name("function")
            field = callee.child_by_field_name("field") if callee is not None and callee.type == "selector_expression" else None
            if field is None or field.text not in (b"Pin", b"Unpin"):
                continue
            operand = callee.child_by_field_name("operand")
            base = operand
            while base is not None and base.type in ("parenthesized_expression", "unary_expression"):
                base = base.named_children[-1] if base.named_children else None
            if base is not None and base.type == "identifier":
                named.add(base.text)
            if field.text == b"Pin" and len(call_arguments(node)) == 1:
                operand_type = package.type_of(operand, source)
                if operand_type is None or is_pinner_type(package.underlying(operand_type) or operand_type) \
                        or _promotes_pin(package, operand_type):
                    pin_calls.append(node)
        elif node.type == "identifier":
            identifiers.append(node)
    for node in identifiers:
        symbol = package.resolve(node, source) if node.text in named else None
        if symbol is None or symbol.kind != "local":
            continue
        if symbol.node.start_byte == node.start_byte:
            declared = package.type_of(node, source)
            if id(symbol) not in pinners and (is_pinner_type(declared) or _promotes_pin(package, declared)):
                pinners[id(symbol)] = PinnerUse(symbol)
            continue
        uses.append((node, symbol))
    for ident, symbol in uses:
        use = pinners.get(id(symbol))
        if use is None:
            continue
        method, call = _method_call(ident)
        if method == "Pin":
            use.pins.append(call)
        elif method == "Unpin":
            when = _when_run(call, function)
            if when == "now":
                use.unpins.append(call)
            elif when == "deferred":
                use.deferred_unpins.append(call)
            else:
                use.escapes = True
        else:
            use.escapes = True
    return FunctionPins(function, list(pinners.values()), pin_calls)


def _method_call(ident: Node) -> tuple[str, Node | None]:
    """For `p` in `p.M(...)` (or `(&p).M(...)`): ("M", the call)."""
    node = ident
    parent = node.parent
    while parent is not None and (parent.type == "parenthesized_expression" or
                                  (parent.type == "unary_expression" and text(parent.child_by_field_name("operator")) in ("&", "*"))):
        node, parent = parent, parent.parent
    if parent is None or parent.type != "selector_expression" or parent.child_by_field_name("operand") != node:
        return "", None
    call = parent.parent
    if call is None or call.type != "call_expression" or call.child_by_field_name("function") != parent:
        return "", None
    return text(parent.child_by_field_name("field")), call


def _when_run(call: Node, function: Node) -> str:
    """"now" for a call run where it stands, "deferred" for `defer` (directly
    or in a deferred closure), "later" for a closure or goroutine run at an
    unknown time."""
    node = call
    while node is not None and node != function:
        parent = node.parent
        if parent is None:
            break
        if parent.type == "defer_statement":
            return "deferred"
        if parent.type == "go_statement":
            return "later"
        if parent.type == "func_literal":
            invocation = parent.parent
            if invocation is not None and invocation.type == "call_expression" \
                    and invocation.child_by_field_name("function") == parent \
                    and invocation.parent is not None and invocation.parent.type == "defer_statement":
                return "deferred"
            return "later"
        node = parent
    return "now"


# Where an Unpin stands: CGL004 asks whether it runs on every path after a pin.
def enclosing_statement_lists(node: Node, stop: Node) -> list[Node]:
    """The statement lists (and case bodies) enclosing `node`, innermost first, up to `stop`."""
    lists = []
    parent = node.parent
    while parent is not None and parent != stop:
        if parent.type in ("statement_list", "expression_case", "default_case", "type_case", "communication_case"):
            lists.append(parent)
        if parent.type in FUNCTION_KINDS:
            break
        parent = parent.parent
    return lists


__all__ = ["FunctionPins", "PinnerUse", "enclosing_statement_lists", "function_pins", "is_pinner_type"]
