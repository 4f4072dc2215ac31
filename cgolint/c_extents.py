"""How far a preamble function's body reaches into a pointer parameter
(`c_param_extent`), when every use of the parameter says so: constant
subscripts (`p[3]`, `p[N - 1]` with `#define N 4`), subscripts by a loop
variable bounded by a constant (`for (i = 0; i < DIM * DIM; i++) p[i]`),
or linear in one (`p[2 * i + 1]`),
`*p`, `p->f`, and libc calls that move a constant number of bytes
(`memcpy(out, b, sizeof b)`, `memset(p, 0, 16)`). The constants are C
integer constant expressions: literals with any suffix or base, object-like
macros of the preamble, `+ - * / % << >>`, and `sizeof` of a type or of a
variable of the body whose type the preamble model knows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from .preamble import CFunction, CPreamble, CType, declared_ctype, strip_init
from .source import text, walk

# libc calls that touch a constant number of bytes of a pointer argument:
# name -> (positions of the pointer arguments, position of the byte count)
_BYTE_COUNTED = {
    "memcpy": ((0, 1), 2), "memmove": ((0, 1), 2), "memset": ((0,), 2), "memcmp": ((0, 1), 2),
    "strncpy": ((0,), 2), "snprintf": ((0,), 1), "fgets": ((0,), 1),
}
_INTEGER = re.compile(r"(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)[uUlL]*")
_TOKEN = re.compile(r"\s*(0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*|[A-Za-z_]\w*|<<|>>|[-+*/%()|&^])")
_BINARY = {"+": int.__add__, "-": int.__sub__, "*": int.__mul__, "<<": int.__lshift__, ">>": int.__rshift__,
           "|": int.__or__, "&": int.__and__, "^": int.__xor__}


@dataclass(frozen=True)
class Extent:
    """What a body reaches through a pointer parameter: `elements`, the
    highest constant element index + 1 (0 when none is indexed); `bytes`,
    the most bytes a byte-counted libc call touches."""

    elements: int
    bytes: int


def c_param_extent(function: CFunction, index: int, preamble: CPreamble) -> Extent | None:
    """The extent of pointer parameter `index` in the body of `function`;
    None when the body does anything else with it (a variable index, pointer
    arithmetic, passing it on) or there is no body."""
    body = function.body
    if body is None or index >= len(function.params):
        return None
    name = function.params[index].name
    if not name:
        return None
    elements, byte_count = 0, 0
    for node in walk(body):
        if node.type != "identifier" or text(node) != name:
            continue
        parent = node.parent
        if parent is None:
            return None
        if parent.type == "subscript_expression" and parent.child_by_field_name("argument") == node:
            outer = parent.parent
            if outer is not None and outer.type == "pointer_expression" and \
                    text(outer.child_by_field_name("operator")) == "&":
                return None  # `&p[4]`: a pointer into the middle, used as anything
            reach = _index_reach(parent.child_by_field_name("index"), body, preamble)
            if reach is None:
                return None
            elements = max(elements, reach + 1)
        elif parent.type == "pointer_expression" and text(parent.child_by_field_name("operator")) == "*" \
                or parent.type == "field_expression" and parent.child_by_field_name("argument") == node:
            elements = max(elements, 1)
        elif parent.type == "argument_list":
            count = _bytes_moved(parent, node, body, preamble)
            if count is None and _byte_buffer(function.params[index].ctype, preamble):
                count = _capacity_beside(parent, node, body, preamble)
            if count is None:
                return None
            byte_count = max(byte_count, count)
        elif not _null_test(node) and not _integer_cast(node):
            return None
    return Extent(elements, byte_count)


def _integer_cast(ident: Node) -> bool:
    """`return (uintptr_t)p;` or `(uintptr_t)p == key`: the pointer's value
    returned or compared as a number, its memory not touched (a number
    kept for later may become a pointer again)."""
    node = ident
    while node.parent is not None and node.parent.type == "parenthesized_expression":
        node = node.parent
    cast = node.parent
    if cast is None or cast.type != "cast_expression" or cast.child_by_field_name("value") != node:
        return False
    descriptor = cast.child_by_field_name("type")
    if descriptor is None or descriptor.child_by_field_name("declarator") is not None \
            or text(descriptor.child_by_field_name("type")) not in _INTEGER_TYPES:
        return False
    while cast.parent is not None and cast.parent.type == "parenthesized_expression":
        cast = cast.parent
    use = cast.parent
    return use is not None and (use.type == "return_statement" or use.type == "binary_expression"
                                and text(use.child_by_field_name("operator")) in ("==", "!=", "<", ">", "<=", ">="))


_INTEGER_TYPES = frozenset({"uintptr_t", "intptr_t", "size_t", "ptrdiff_t", "long", "unsigned long", "long long",
                            "unsigned long long", "uint64_t", "int64_t", "GoUintptr"})



def _null_test(ident: Node) -> bool:
    """`if (p)`, `!p`, `p == NULL`, `p && n`, `p ? a : b`: the pointer's
    value is tested, its memory not touched (not when it is a value chosen
    by `?:`, `c ? z : (p)`)."""
    node = ident
    while node.parent is not None and node.parent.type == "parenthesized_expression":
        node = node.parent
        if node.parent is not None and node.parent.type in ("if_statement", "while_statement"):
            return True
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "unary_expression" and text(parent.child_by_field_name("operator")) == "!" or \
            parent.type == "conditional_expression" and parent.child_by_field_name("condition") == node:
        return True
    if parent.type == "binary_expression":
        operator = text(parent.child_by_field_name("operator"))
        other = parent.child_by_field_name("right") if parent.child_by_field_name("left") == node \
            else parent.child_by_field_name("left")
        return operator in ("&&", "||") or (operator in ("==", "!=") and text(other) in ("NULL", "0", "nullptr"))
    return False


def _index_reach(subscript: Node | None, body: Node, preamble: CPreamble) -> int | None:
    """The highest value a subscript takes: a constant, or a loop variable
    the nearest enclosing `for` bounds by one (`i < 32` -> 31, `i <= 7` -> 7)."""
    if subscript is None:
        return None
    value = constant_value(subscript, body, preamble)
    if value is not None:
        return value if value >= 0 else None
    if subscript.type == "parenthesized_expression" and len(subscript.named_children) == 1:
        return _index_reach(subscript.named_children[0], body, preamble)
    if subscript.type == "binary_expression":  # `2 * i + 1`: linear in a bounded variable, never below 0
        operator = text(subscript.child_by_field_name("operator"))
        left, right = subscript.child_by_field_name("left"), subscript.child_by_field_name("right")
        for variable, factor in ((left, right), (right, left)) if operator in ("+", "*") else ():
            amount = constant_value(factor, body, preamble)
            reach = _index_reach(variable, body, preamble) if amount is not None and amount >= 0 else None
            if reach is not None:
                return reach + amount if operator == "+" else reach * amount
        return None
    if subscript.type != "identifier":
        return None
    name = text(subscript)
    loop = subscript.parent
    while loop is not None and loop.type != "function_definition":
        if loop.type == "for_statement":
            bound = _condition_bound(loop.child_by_field_name("condition"), name, body, preamble)
            if bound is not None:
                return bound
        loop = loop.parent
    return None


def _condition_bound(condition: Node | None, name: str, body: Node, preamble: CPreamble) -> int | None:
    if condition is None or condition.type != "binary_expression":
        return None
    operator = text(condition.child_by_field_name("operator"))
    left, right = condition.child_by_field_name("left"), condition.child_by_field_name("right")
    if operator == "&&":
        bounds = [b for b in (_condition_bound(left, name, body, preamble),
                              _condition_bound(right, name, body, preamble)) if b is not None]
        return min(bounds) if bounds else None
    if operator in ("<", "<=") and left is not None and left.type == "identifier" and text(left) == name:
        limit = constant_value(right, body, preamble)
        if limit is not None:
            return limit - (1 if operator == "<" else 0)
    return None


def _bytes_moved(arguments: Node, argument: Node, body: Node, preamble: CPreamble) -> int | None:
    """For `memcpy(p, src, 16)` and the like, with `argument` one of the
    pointers: the constant byte count; None for any other call."""
    call = arguments.parent
    callee = call.child_by_field_name("function") if call is not None else None
    shape = _BYTE_COUNTED.get(text(callee)) if callee is not None and callee.type == "identifier" else None
    if shape is None:
        return None
    pointers, count_at = shape
    args = [a for a in arguments.named_children if a.type != "comment"]
    if count_at >= len(args) or not any(p < len(args) and args[p] == argument for p in pointers):
        return None
    count = constant_value(args[count_at], body, preamble)
    return count if count is not None and count >= 0 else None


def _capacity_beside(arguments: Node, argument: Node, body: Node, preamble: CPreamble) -> int | None:
    """For `serialize(out, &outlen)` or `(out, outlen)`, the byte buffer
    handed on with its capacity right after it in a local the body sets
    once to a constant (`size_t outlen = 65;`, go-ethereum's secp256k1
    ext.h): that constant; None otherwise. The callee's own contract is
    not in sight: taking it at its word is what the length is for."""
    args = [a for a in arguments.named_children if a.type != "comment"]
    position = next((i for i, a in enumerate(args) if a == argument), None)
    if position is None or position + 1 >= len(args):
        return None
    beside = args[position + 1]
    if beside.type == "pointer_expression" and text(beside.child_by_field_name("operator")) == "&":
        beside = beside.child_by_field_name("argument")
    if beside is None or beside.type != "identifier" or not _CAPACITY_NAME.search(text(beside)):
        return None
    declared = _declarations(text(beside), body)
    if len(declared) != 1 or preamble.resolve(declared[0][1]).base not in _SIZE_TYPES:
        return None  # a count of something else (`int mode`, `size_t nwords`) is no byte capacity
    callee = arguments.parent.child_by_field_name("function") if arguments.parent is not None else None
    known = preamble.function(text(callee)) if callee is not None and callee.type == "identifier" else None
    if known is not None and (position + 1 >= len(known.params) or not _byte_buffer(known.params[position].ctype,
                                                                                  preamble)):
        return None  # the callee's prototype says its buffer is not one of bytes
    # set once, and its address handed to nothing else before (`query_len(&outlen)` may change it)
    elsewhere = [n for n in walk(body) if n.type == "pointer_expression" and n.start_byte < arguments.start_byte
                 and text(n.child_by_field_name("operator")) == "&" and text(n.child_by_field_name("argument")) == text(beside)]
    return None if elsewhere else _constant_local(text(beside), body, preamble)


# A length in bytes: its type and its name (outputlen, buf_size, cap).
_SIZE_TYPES = frozenset({"size_t", "unsigned long", "ulong", "ssize_t"})
_CAPACITY_NAME = re.compile(r"(?i)len|size|cap")


def _constant_local(name: str, body: Node, preamble: CPreamble) -> int | None:
    """The value of a local declared once with a constant initializer and
    never assigned in the body (its address may be handed on)."""
    initializers = []
    for node in walk(body):
        if node.type == "init_declarator" and text(strip_init(node)) == name:
            initializers.append(node.child_by_field_name("value"))
        elif node.type == "assignment_expression" and text(node.child_by_field_name("left")) == name \
                or node.type == "update_expression" and text(node.child_by_field_name("argument")) == name:
            return None
    if len(initializers) != 1 or len(_declarations(name, body)) != 1:
        return None
    value = constant_value(initializers[0], body, preamble)
    return value if value is not None and value >= 0 else None


def _byte_buffer(ctype: CType, preamble: CPreamble) -> bool:
    """A `void *` or a pointer to a one-byte type: a capacity counts its bytes."""
    pointee = preamble.resolve(CType(ctype.base, max(ctype.pointers - 1, 0), None, ctype.const))
    return pointee.pointers == 0 and (pointee.base == "void" or preamble.ctype_size(pointee) == 1)


def constant_value(node: Node | None, body: Node, preamble: CPreamble, depth: int = 0) -> int | None:
    """The value of a C integer constant expression in `body`, or None."""
    if node is None or depth > 16:
        return None
    kind = node.type
    if kind == "number_literal":
        return integer_literal(text(node))
    if kind == "identifier":
        return macro_value(text(node), preamble)
    if kind == "parenthesized_expression" and len(node.named_children) == 1:
        return constant_value(node.named_children[0], body, preamble, depth + 1)
    if kind == "binary_expression":
        left = constant_value(node.child_by_field_name("left"), body, preamble, depth + 1)
        right = constant_value(node.child_by_field_name("right"), body, preamble, depth + 1)
        return _apply(text(node.child_by_field_name("operator")), left, right)
    if kind == "sizeof_expression":
        return _sizeof(node, body, preamble)
    return None


def _sizeof(node: Node, body: Node, preamble: CPreamble) -> int | None:
    """`sizeof(T)`, or `sizeof x` / `sizeof(x)` for a variable `x` declared in `body`."""
    descriptor = node.child_by_field_name("type")
    if descriptor is not None:
        _, ctype = declared_ctype(descriptor, descriptor.child_by_field_name("declarator"))
        return preamble.ctype_size(ctype)
    value = node.child_by_field_name("value")
    while value is not None and value.type == "parenthesized_expression" and len(value.named_children) == 1:
        value = value.named_children[0]
    if value is None or value.type != "identifier":
        return None
    declared = _declarations(text(value), body)
    if not declared:  # `sizeof(item)` parses as a value: a typedef's name
        return preamble.ctype_size(CType(text(value)))
    return _declared_size(declared[0], body, preamble) if len(declared) == 1 else None


def _declarations(name: str, body: Node) -> list[tuple[Node, CType]]:
    """(declarator, type) of each declaration of the variable `name` in `body`."""
    found = []
    for node in walk(body):
        if node.type == "declaration":
            for declarator in node.children_by_field_name("declarator"):
                declared, ctype = declared_ctype(node, strip_init(declarator))
                if declared == name:
                    found.append((strip_init(declarator), ctype))
    return found


def _declared_size(declared: tuple[Node, CType], body: Node, preamble: CPreamble) -> int | None:
    """The size of a declared variable; an array's length may be a constant
    expression (`id[ID_LEN]`)."""
    declarator, ctype = declared
    if declarator.type != "array_declarator":
        return preamble.ctype_size(ctype) if ctype.array is None else None
    length = 1
    while declarator is not None and declarator.type == "array_declarator":  # `grid[ROWS][COLS]`
        dimension = constant_value(declarator.child_by_field_name("size"), body, preamble)
        if dimension is None or dimension <= 0:
            return None
        length *= dimension
        declarator = declarator.child_by_field_name("declarator")
    element = preamble.ctype_size(CType(ctype.base, ctype.pointers, None, ctype.const))
    return length * element if element is not None else None


def macro_value(name: str, preamble: CPreamble) -> int | None:
    """The value of an object-like macro whose text is an integer constant
    expression of literals and other such macros. Each macro is evaluated
    once per preamble: macros built of macros would otherwise cost time
    exponential in their nesting (a macro that reaches itself has none)."""
    memo = preamble.__dict__.setdefault("_macro_values", {})
    if name in memo:
        return memo[name]
    memo[name] = None  # while evaluating
    spelled = preamble.macros.get(name)
    value = _evaluate(_tokens(spelled), preamble) if spelled else None
    memo[name] = value
    return value


def _tokens(spelled: str) -> list[str] | None:
    tokens, position = [], 0
    while position < len(spelled):
        match = _TOKEN.match(spelled, position)
        if match is None:
            return None if spelled[position:].strip() else tokens
        tokens.append(match.group(1))
        position = match.end()
    return tokens


def _evaluate(tokens: list[str] | None, preamble: CPreamble) -> int | None:
    """Precedence climbing over `+ - * / % << >> & ^ |` and parentheses."""
    if tokens is None:
        return None
    position = 0

    def operand() -> int | None:
        nonlocal position
        if position >= len(tokens):
            return None
        token = tokens[position]
        position += 1
        if token == "(":
            value = expression(0)
            if position >= len(tokens) or tokens[position] != ")":
                return None
            position += 1
            return value
        if token == "-":
            value = operand()
            return -value if value is not None else None
        if token[0].isdigit():
            return integer_literal(token)
        return macro_value(token, preamble)

    levels = {"|": 1, "^": 2, "&": 3, "<<": 4, ">>": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6}

    def expression(minimum: int) -> int | None:
        nonlocal position
        left = operand()
        while left is not None and position < len(tokens) and levels.get(tokens[position], -1) > minimum:
            operator = tokens[position]
            position += 1
            left = _apply(operator, left, expression(levels[operator]))
        return left

    value = expression(0)
    return value if position == len(tokens) else None


def _apply(operator: str, left: int | None, right: int | None) -> int | None:
    if left is None or right is None:
        return None
    if operator in ("/", "%"):
        if right == 0:
            return None
        quotient = abs(left) // abs(right) * (1 if (left < 0) == (right < 0) else -1)  # C truncates
        return quotient if operator == "/" else left - quotient * right
    if operator in ("<<", ">>") and not 0 <= right < 64:
        return None
    apply = _BINARY.get(operator)
    return apply(left, right) if apply is not None else None


def integer_literal(spelled: str) -> int | None:
    """The value of a C integer literal (`24U`, `0x20`, `010`)."""
    match = _INTEGER.fullmatch(spelled)
    if match is None:
        return None
    digits = match.group(1)
    return int(digits, 16) if digits[:2] in ("0x", "0X") else int(digits, 8) if digits != "0" and \
        digits.startswith("0") else int(digits)
