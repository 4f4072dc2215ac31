"""What consumes the value of a variable that holds a C allocation: a free,
a C call that only reads it or takes ownership, a hand-over to Go code, a
nil comparison, a reassignment... (`consumer`). The ownership collector asks
it of each occurrence of a tracked variable, and of each freed field path.

It stands apart from the collector's walk because it reads one expression
upwards and nothing the walk gathers: only the lookups of `ConsumerContext`,
which the collector provides (cached parents, cheap C call targets).
"""
from __future__ import annotations

import re
from typing import Protocol

from tree_sitter import Node

from .call_targets import call_arguments, receiving_call
from .nil_tests import is_nil
from .ownership_facts import OwnershipOptions
from .source import text, walk

# Go builtins that read a pointer's value without taking ownership (every C
# function other than a free or an ownership taker, C.GoString included, only reads).
NON_OWNING_BUILTINS = frozenset({"len", "cap", "copy", "print", "println", "delete", "min", "max"})
# unsafe functions whose result still points at the same memory.
_UNSAFE_ALIASING = frozenset({"Pointer", "Add", "Slice", "String", "SliceData", "StringData"})


class ConsumerContext(Protocol):
    """The lookups `consumer` needs from the walk over a function."""

    options: OwnershipOptions

    def parent(self, node: Node) -> Node | None:
        """The parent of `node` (cached: tree-sitter's `Node.parent` is slow)."""

    def target(self, call: Node):
        """The model's CallTarget of `call`."""

    def c_takes(self, name: str, index: int) -> bool:
        """Whether the preamble's body of C.name stores argument `index` past
        the call or frees it."""

    def go_frees(self, declaration: Node, index: int) -> bool:
        """Whether the package function frees parameter `index` first thing
        on every path (`func freeStr(p *C.char) { C.free(unsafe.Pointer(p)) }`)."""

    def c_may_take(self, name: str, index: int) -> bool:
        """Whether one of C.name's bodies, not known to be the one that
        builds, takes argument `index` over."""

    def c_pointee_effect(self, name: str, index: int) -> str | None:
        """What the preamble's body of C.name does to what argument `index`
        (a `T **`) points to: "write", "free" or "read"; None if unknown."""


def consumer(ident: Node, context: ConsumerContext) -> tuple[str, str, Node | None]:
    """Follow the value of `ident` up the expression tree to what consumes it:
    (kind, detail, the consuming call or None). kind is an `Occurrence` kind,
    or "address" when its address is taken other than as a C out-parameter."""
    node = ident
    while True:
        parent = context.parent(node)
        if parent is None:
            return "handover", "unknown", None
        kind = parent.type
        if kind == "parenthesized_expression":
            node = parent
            continue
        if kind == "argument_list":
            call = context.parent(parent)
            if call is None or call.type != "call_expression":
                return "handover", "unknown", None
            target = context.target(call)
            if target.kind == "conversion":
                node = call
                continue
            if target.kind == "unsafe":
                if target.name in _UNSAFE_ALIASING:
                    node = call
                    continue
                return "use", f"unsafe.{target.name}", call
            if target.kind == "c":
                index = arg_index(parent, node)
                if target.name in context.options.frees and index == 0:
                    return "free", f"C.{target.name}", call
                if target.name == "realloc" and index == 0:
                    return "realloc", "C.realloc", call
                if target.name in context.options.takes_ownership or context.c_takes(target.name, index):
                    return "handover", f"passed to C.{target.name}, which takes ownership", call
                if context.c_may_take(target.name, index):
                    return "handover", f"passed to C.{target.name}, which may take ownership", call
                if kept_with_release(call, node, target.name):
                    return "handover", f"passed to C.{target.name} to keep", call
                return "use", f"passed to C.{target.name}", call
            if target.kind == "builtin":
                if target.name == "delete" and arg_index(parent, node) == 1:
                    return "compare", "used as a map key", call
                if target.name in ("len", "cap"):  # of a slice view: its header, not the memory
                    return "compare", f"measured by {target.name}", call
                if target.name in NON_OWNING_BUILTINS:
                    return "use", f"passed to {target.name}", call
                if target.name == "append":
                    return "handover", "appended to a slice", call
                return "handover", f"passed to {target.name}", call
            if target.kind == "func" and target.node is not None and \
                    context.go_frees(target.node, arg_index(parent, node)):
                return "free", callee_text(call), call
            if target.kind == "other" and target.name in _PRINTERS and _prints_address(call, target.name, node, context):
                return "compare", f"printed as an address by {target.name}", call
            return "handover", f"passed to {callee_text(call)}", call
        if kind == "type_conversion_expression" or kind == "slice_expression":
            if parent.child_by_field_name("operand") == node:
                node = parent
                continue
            return "use", "read", None
        if kind == "call_expression":
            return "use", "called", None
        if kind == "unary_expression":
            operator = text(parent.child_by_field_name("operator"))
            if operator == "&":
                if node is ident:
                    filler = _c_out_parameter(parent, context)
                    if filler is not None:
                        call, name, effect = filler
                        if effect == "free":
                            return "free", f"C.{name}", call
                        if effect == "read":
                            return "use", f"passed to C.{name}", call
                        return "filled", f"its address is passed to C.{name}", call
                return "address", "its address is taken", None
            if operator == "<-":
                return "use", "read", None
            return "use", "dereferenced", None
        if kind in ("selector_expression", "index_expression"):
            if parent.child_by_field_name("operand") == node:
                above = context.parent(parent)
                while above is not None and above.type == "parenthesized_expression":
                    above = context.parent(above)
                if above is not None and above.type == "unary_expression" and \
                        text(above.child_by_field_name("operator")) == "&":
                    return "handover", "a pointer into it is kept", None
                return "use", "dereferenced", None
            if kind == "index_expression" and node is ident:  # a pointer indexes only a map
                return "compare", "used as a map key", None
            return "use", "read", None
        if kind == "binary_expression":
            operator = text(parent.child_by_field_name("operator"))
            other = parent.child_by_field_name("right") if parent.child_by_field_name("left") == node \
                else parent.child_by_field_name("left")
            if operator in ("==", "!=") and is_nil(other):
                return "nil-compare", "compared with nil", None
            if operator in ("==", "!="):
                return "compare", "compared", None
            return "use", "read", None
        if kind == "expression_list":
            statement = context.parent(parent)
            if statement is None:
                return "handover", "unknown", None
            if statement.type in ("assignment_statement", "short_var_declaration"):
                if statement.child_by_field_name("left") == parent:
                    if node is ident:
                        operator = text(statement.child_by_field_name("operator")) \
                            if statement.type == "assignment_statement" else ":="
                        return ("write", "reassigned", None) if operator in ("=", ":=") else ("use", "updated", None)
                    return "use", "written through", None
                lhs = exprs(statement.child_by_field_name("left"))
                rhs = exprs(parent)
                index = arg_index(parent, node)
                if len(lhs) == len(rhs) and text(lhs[index]) == "_":
                    return "use", "read", None
                return "handover", "assigned to another variable or location", None
            if statement.type == "return_statement":
                return "handover", "returned", None
            if statement.type == "var_spec":
                return "handover", "assigned to another variable", None
            if statement.type == "range_clause":
                if statement.child_by_field_name("left") == parent:
                    return "write", "reassigned by range", None
                return "use", "ranged over", None
            if statement.type == "receive_statement":
                return "write", "received into", None
            if statement.type in ("expression_case",):
                return "compare", "compared", None
            return "handover", statement.type, None
        if kind == "return_statement":
            return "handover", "returned", None
        if kind == "variadic_argument":  # `f(v...)`: v itself is the argument; append copies its elements
            call = context.parent(context.parent(parent) or parent)
            target = context.target(call) if call is not None and call.type == "call_expression" else None
            if target is not None and target.kind == "builtin" and target.name == "append":
                return "use", "read", None
            node = parent
            continue
        if kind == "send_statement":
            if parent.child_by_field_name("value") == node:
                return "handover", "sent on a channel", None
            return "use", "read", None
        if kind == "var_spec":
            if node is ident and any(name == ident for name in parent.children_by_field_name("name")):
                return "write", "declared", None
            return "handover", "assigned to another variable", None
        if kind in ("literal_element", "keyed_element", "literal_value"):
            return "handover", "stored in a composite literal", None
        if kind in ("if_statement", "for_statement", "expression_switch_statement", "expression_statement",
                    "inc_statement", "dec_statement", "type_switch_statement"):
            return "use", "read", None
        if kind == "range_clause":
            return "use", "ranged over", None
        if kind == "type_assertion_expression":
            return "use", "read", None
        return "handover", kind, None


def _c_out_parameter(address: Node, context: ConsumerContext) -> tuple[Node, str, str | None] | None:
    """(call, name, effect) when `&v` is an argument of C.name, through
    conversions and unsafe.Pointer only: C may write v while the call runs,
    and cgo forbids it to keep the address afterwards, so v is an
    out-parameter. Not when the preamble's body of C.name keeps or frees
    that argument. `effect`: what the body does to v ("write", "free",
    "read"), None without a body."""
    found = receiving_call(address, context.parent, context.target)
    if found is None:
        return None
    call, target, index = found
    if target.kind != "c" or context.c_takes(target.name, index):
        return None
    return call, target.name, context.c_pointee_effect(target.name, index)


# fmt and log functions that print their arguments, with the index of the
# format argument of those that take one.
_FORMAT_AT = {"fmt.Printf": 0, "fmt.Sprintf": 0, "fmt.Errorf": 0, "fmt.Fprintf": 1, "fmt.Appendf": 1,
              "log.Printf": 0, "log.Fatalf": 0, "log.Panicf": 0}
_PRINTERS = frozenset(_FORMAT_AT) | frozenset(
    f"{package}.{name}" for package, names in (("fmt", ("Print", "Println", "Sprint", "Sprintln", "Fprint", "Fprintln")),
                                               ("log", ("Print", "Println", "Fatal", "Fatalln", "Panic", "Panicln")))
    for name in names)
_VERB = re.compile(r"%[+\-# 0]*(\*|\d*)(?:\.(\*|\d*))?(\[|[a-zA-Z%])")


def _prints_address(call: Node, printer: str, value: Node, context: ConsumerContext) -> bool:
    """Whether the fmt or log function prints argument `value` as an
    address and reads nothing through it: an `unsafe.Pointer(p)` or
    `uintptr(...)` under any verb, or any pointer under `%p`. (A `*T`
    under %v prints what it points to when T is a struct or an array.)"""
    if value.type == "call_expression":
        wrapper = context.target(value)
        if (wrapper.kind, wrapper.name) in (("unsafe", "Pointer"), ("conversion", "uintptr")):
            return True
    format_at = _FORMAT_AT.get(printer)
    args = call_arguments(call)
    if format_at is None or format_at >= len(args) or \
            args[format_at].type not in ("interpreted_string_literal", "raw_string_literal"):
        return False
    index = next((i for i, arg in enumerate(args) if arg == value), -1)
    position = format_at + 1
    for width, precision, verb in _VERB.findall(text(args[format_at])):
        if verb == "[":
            return False  # explicit argument indexes: not followed
        if verb == "%":
            continue
        position += (width == "*") + (precision == "*")
        if position == index:
            return verb == "p"
        position += 1
    return False


def exprs(node: Node | None) -> list[Node]:
    return [c for c in node.named_children if c.type != "comment"] if node is not None else []


def arg_index(container: Node, child: Node) -> int:
    for index, item in enumerate(exprs(container)):
        if item == child:
            return index
    return -1


def callee_text(call: Node) -> str:
    function = call.child_by_field_name("function")
    name = text(function)
    return name if len(name) <= 40 else name[:37] + "..."



def kept_with_release(call: Node, argument: Node, name: str) -> bool:
    """The C call keeps the memory and is told how to release it: another
    argument is a C function (`(*[0]byte)(C.free)`, or a variable set to
    one before the call), as SQLite's bind and result calls take text with
    its destructor; or it is a CoreFoundation `...NoCopy` constructor, which
    keeps the buffer for the object it returns. Who frees it is then the
    callee's business, and a free after the call would be a use after free."""
    arguments = [(a, "".join(text(a).split())) for a in call_arguments(call)]
    if name.endswith("NoCopy"):  # unless told to leave the buffer to the caller
        return not any("kCFAllocatorNull" in spelled for _, spelled in arguments)
    position = next((i for i, (a, _) in enumerate(arguments) if a.start_byte <= argument.start_byte < a.end_byte), None)
    if position is None:
        return False
    # as in the preamble's bodies (c_bodies.freed_params): the data goes just
    # before its destructor, with only sizes between (`(ctx, s, n, free)`), or
    # right after it; a handle or key further away is not taken over
    for i in range(position + 1, len(arguments)):
        if _is_c_function(*arguments[i]):
            return True
        if not _SIZE.fullmatch(arguments[i][1]):
            break
    return position > 0 and _is_c_function(*arguments[position - 1])


def _is_c_function(node: Node, spelled: str) -> bool:
    """A C function that releases memory, as cgo spells a function pointer."""
    return _is_destructor(spelled) or node.type == "identifier" and _set_to_c_function(node)


def _is_destructor(spelled: str) -> bool:
    """`(*[0]byte)(C.free)`: a C function named as a release by its last or
    first word (`g_object_unref`, `freeBuffer`), not a handler
    (`on_delete_event`, `window_delete_event_cb`) nor a comparator."""
    found = _C_FUNCTION_POINTER.fullmatch(spelled)
    words = [w.lower() for w in _WORD.findall(found.group(1))] if found is not None else []
    # the release is the function's last word (`g_object_unref`, `freeBuffer`'s first: `free_list_entry`);
    # one in the middle names an event (`window_delete_event_cb`, `button_release_cb`)
    return bool(words) and (words[-1] in _RELEASE_WORDS or words[0] in _RELEASE_WORDS and words[-1] not in _HANDLER_WORDS)


def _set_to_c_function(ident: Node) -> bool:
    """`free = (*[0]byte)(C.cfree)` in the function before the use, and no
    other value given it there (`free = nil` on some path: the caller frees)."""
    function = ident
    while function is not None and function.type not in ("function_declaration", "method_declaration", "func_literal"):
        function = function.parent
    if function is None:
        return False
    name, values = text(ident), []
    for node in walk(function):
        if node.start_byte >= ident.start_byte:
            break
        if node.type in ("assignment_statement", "short_var_declaration"):
            left, right = exprs(node.child_by_field_name("left")), exprs(node.child_by_field_name("right"))
            values += [(node, v) for t, v in zip(left, right) if text(t) == name]
        elif node.type == "var_spec":  # `var free = (*[0]byte)(C.free)`, also in `var ( ... )`
            declaration = node.parent
            while declaration is not None and declaration.type != "var_declaration":
                declaration = declaration.parent
            left, right = node.children_by_field_name("name"), exprs(node.child_by_field_name("value"))
            values += [(declaration or node, v) for t, v in zip(left, right) if text(t) == name]
    # set in the block that allocates (`if len(v) != 0 { cv = C.CString(v); free = ... }`, crawshaw's
    # BindText), in the block of the call, or unconditionally: not `if owned { free = ... }` apart
    body = function.child_by_field_name("body")
    return bool(values) and all(
        _is_destructor("".join(text(v).split())) and statement.parent is not None and (
            statement.parent.parent == body or _ALLOCATION.search(statement.parent.text)
            or statement.parent.start_byte <= ident.start_byte < statement.parent.end_byte)
        for statement, v in values)


_ALLOCATION = re.compile(rb"\bC\.(?:CString|CBytes|malloc|calloc|strdup|strndup)\s*\)?\s*\(")
# cgo's spelling of a C function pointer (whitespace removed): a C
# function converted to a pointer to a zero-length byte array; not a
# sentinel such as SQLite's transient `(*[0]byte)(unsafe.Pointer(^uintptr(0)))`.
# An argument that is a size or a count, not memory (whitespace removed).
_SIZE = re.compile(r"-?\d+|len\(.*\)|C\.(?:u?int|u?long|u?longlong|size_t|ssize_t|u?int\d+_t)\(.*\)")
_C_FUNCTION_POINTER = re.compile(r"\(\*\[0\]byte\)\((?:unsafe\.Pointer\()?C\.(\w+)\)?\)")
# What a C function that releases memory is called: free, g_free, sqlite3_free,
# cfree, xmlFree, g_object_unref, destroy_node, release...
_RELEASE_WORDS = frozenset({"free", "cfree", "gfree", "destroy", "release", "unref", "dispose", "dealloc",
                            "delete", "finalize", "finaliser", "finalizer", "finalise", "cleanup", "dtor", "drop"})
_HANDLER_WORDS = frozenset({"cb", "callback", "handler", "event", "hook", "listener"})
_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")  # snake_case and camelCase words
