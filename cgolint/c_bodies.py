"""What the bodies of a preamble's C functions do with their pointer
parameters: store them where they outlive the call (`keeps`), store them
through another pointer parameter (`keeps_into`: kept as long as what the
caller passes there lives), or free them. `preamble` reads each definition
with these; `propagate_keeps` then carries the facts through wrappers once a
package's preambles and headers are merged."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tree_sitter import Node

from .keep_guards import store_guard
from .parsing import C, query
from .source import text

if TYPE_CHECKING:
    from .preamble import CFunction, CParam, CPreamble


def freed_params(definition: Node, params: list[CParam]) -> set[int]:
    """Indices of pointer parameters that the body passes to `free` (on some
    path: a C function that may free what it is given owns it), or to a
    call beside `free` as its destructor (`sqlite3_result_text(ctx, s, -1,
    &free)`, `g_object_set_data_full(o, k, p, g_free)`)."""
    body = definition.child_by_field_name("body")
    pointer_params = {p.name: p.index for p in params if p.name and p.ctype.is_pointer}
    if body is None or not pointer_params or b"free" not in body.text:
        return set()
    freed = set()
    shadowed = _declares_free(definition)
    for callee, args in _body_stores(body).calls:
        arguments = c_arguments(args)
        if text(callee) == "free":
            handed = arguments[:1]
        else:
            # the data goes just before its destructor (`(ctx, s, n, free)`, `(o, key, p, g_free)`):
            # the nearest pointer parameter before it is taken over, not a handle or key beside it
            at = next((i for i, a in enumerate(arguments) if _DESTRUCTOR.fullmatch(text(a))), None) \
                if not shadowed else None
            handed = [a for a in arguments[:at] if value_name(a) in pointer_params][-1:] if at else []
            if at is not None and at + 1 < len(arguments) and value_name(arguments[at + 1]) in pointer_params:
                handed.append(arguments[at + 1])  # `(ctx, free, data)`: the data right after it
        for arg in handed:
            index = pointer_params.get(value_name(arg))
            if index is not None:
                freed.add(index)
    return freed


def _declares_free(definition: Node) -> bool:
    """A parameter or local named `free` or `g_free` (`int free = 1;`): then
    the name is no destructor."""
    return any(text(node) in ("free", "g_free") and node.parent is not None
               and node.parent.type in ("init_declarator", "declaration", "parameter_declaration",
                                        "pointer_declarator", "array_declarator")
               for node in _descendants(definition, "identifier"))


# `free` handed to a call as the destructor of what it is given: `&free`,
# `(sqlite3_destructor_type)free`, `g_free`.
_DESTRUCTOR = re.compile(r"\(?\s*(?:\([\w\s*]+\)\s*)?&?\s*(?:g_)?free\s*\)?")


def pointee_effect(body: Node, name: str) -> str:
    """What a body does to the pointer its pointer-to-pointer parameter
    `name` points to (`obj **pp`): "write" when it may give it a new value
    (`*pp = ...`, `pp[0] = ...`, or `pp` passed on or copied), "free" when
    it frees it (`free(*pp)` in the body's own block) and never assigns it,
    else "read"."""
    freed = False
    for node in _descendants(body, "identifier"):
        if text(node) != name:
            continue
        parent = _above_parentheses(node)
        if parent is None:
            continue
        if parent.type == "pointer_expression" and text(parent.child_by_field_name("operator")) == "*" or \
                parent.type == "subscript_expression" and parent.child_by_field_name("argument") is not None:
            deref = parent
            while _above_parentheses(deref) is not None and _above_parentheses(deref).type == "cast_expression":
                deref = _above_parentheses(deref)
            above = _above_parentheses(deref)
            if above is None:
                continue
            if above.type == "assignment_expression" and above.child_by_field_name("left") in (deref, parent) or \
                    above.type == "pointer_expression" and text(above.child_by_field_name("operator")) == "&":
                return "write"
            if above.type == "argument_list" and c_arguments(above)[:1] == [deref] and above.parent is not None \
                    and text(above.parent.child_by_field_name("function")) == "free":
                statement = above.parent.parent
                # on every path: a statement of the body's own block (not `if (--refs == 0) free(*pp);`)
                freed = freed or statement is not None and statement.parent == body
        elif parent.type in ("argument_list", "init_declarator") or \
                parent.type == "assignment_expression" and parent.child_by_field_name("right") == node:
            return "write"  # passed on or copied: what happens to *pp is out of sight
    return "free" if freed else "read"


def _above_parentheses(node: Node) -> Node | None:
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    return parent


def propagate_always_frees(model: CPreamble) -> None:
    """Fill `CFunction.always_frees`: the pointer parameters a body frees on
    every path that returns, by a statement of its own block that calls
    `free` or a function that always frees that argument (found in rounds,
    so wrappers of wrappers count), with no `return` or `goto` ahead of it
    but under an `if (!p)` test of that parameter (nothing to free then)."""
    def freed_by(callee: str) -> tuple[int, ...]:
        if callee == "free":
            return (0,)
        function = model.functions.get(callee)
        return tuple(sorted(function.always_frees)) if function is not None else ()

    pending = [f for f in model.functions.values() if f.body is not None and b"free" in f.body.text]
    for _ in range(8):
        changed = []
        for function in pending:
            found = _always_freed(function, freed_by, model)
            if found != function.always_frees:
                function.always_frees = found
                changed.append(function)
        if not changed:
            return
        names = [f.name.encode() for f in changed]
        pending = [f for f in model.functions.values()
                   if f.body is not None and any(name in f.body.text for name in names)]


def pointer_parameters(function: CFunction, model: CPreamble) -> dict[str, int]:
    """Name -> index of the pointer parameters, typedefs seen through (`gpointer data`, `buf_t b`)."""
    return {p.name: p.index for p in function.params if p.name and model.resolve(p.ctype).is_pointer}


def _always_freed(function: CFunction, freed_by, model: CPreamble) -> set[int]:
    pointer_params = pointer_parameters(function, model)
    if pointer_params:  # a parameter given another value may free something else (`p = p->next`)
        for lhs, _ in _body_stores(function.body).assignments:
            pointer_params.pop(_declarator_name(lhs), None)
    found: set[int] = set()
    for statement in function.body.named_children if pointer_params else ():
        call = statement.named_children[0] if statement.type == "expression_statement" \
            and statement.named_children else None
        callee = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
        if callee is None or callee.type != "identifier":
            continue
        args = call.child_by_field_name("arguments")
        arguments = c_arguments(args)
        for position in freed_by(text(callee)):
            name = value_name(arguments[position]) if position < len(arguments) else ""
            index = pointer_params.get(name)
            if index is not None and index not in found and _no_exit_before(function.body, statement, name):
                found.add(index)
    return found


def c_arguments(args: Node | None) -> list[Node]:
    """A C call's arguments, without the comments between them."""
    return [a for a in args.named_children if a.type != "comment"] if args is not None else []


def _no_exit_before(body: Node, statement: Node, name: str) -> bool:
    """No `return` or `goto` comes before `statement`, but in the branch of an
    `if` that tests `name` for NULL."""
    stack = [child for child in body.named_children if child.start_byte < statement.start_byte]
    while stack:
        node = stack.pop()
        if node.type in ("return_statement", "goto_statement"):
            if not _under_null_test(node, body, name):
                return False
        elif node.type not in ("function_definition", "expression_statement", "declaration"):
            stack.extend(node.named_children)
    return True


def _under_null_test(exit_node: Node, body: Node, name: str) -> bool:
    child, node = exit_node, exit_node.parent
    while node is not None and node != body:
        if node.type == "if_statement" and node.child_by_field_name("consequence") == child:
            return _tests_null(node.child_by_field_name("condition"), name)
        child, node = node, node.parent
    return False


def _tests_null(condition: Node | None, name: str) -> bool:
    """`!p`, `p == NULL`, `NULL == p`, `p == 0` (parenthesized or not)."""
    while condition is not None and condition.type == "parenthesized_expression" and condition.named_children:
        condition = condition.named_children[0]
    if condition is None:
        return False
    if condition.type == "unary_expression" and text(condition.child_by_field_name("operator")) == "!":
        return value_name(condition.child_by_field_name("argument")) == name
    if condition.type == "binary_expression" and text(condition.child_by_field_name("operator")) == "==":
        left, right = condition.child_by_field_name("left"), condition.child_by_field_name("right")
        for tested, other in ((left, right), (right, left)):
            if value_name(tested) == name and other is not None and (
                    other.type == "null" or text(other) in ("0", "NULL")):
                return True
    return False


def stored_params(definition: Node, params: list[CParam]) -> tuple[set[int], dict[int, set[int]], dict]:
    """The pointer parameters that the body stores where they outlive the
    call, those it stores through another pointer parameter (which outlive
    the call only if what that parameter points to does), and for those of
    them whose every store is under a condition on another parameter, the
    conditions of each store (`keep_guards.store_guard`)."""
    body = definition.child_by_field_name("body")
    pointer_params = {p.name: p.index for p in params if p.name and p.ctype.is_pointer}
    if body is None or not pointer_params:
        return set(), {}, {}
    stores = _body_stores(body)
    sources = _parameter_aliases(stores, pointer_params)
    # Only a store of a parameter needs the body's locals (a walk of the body).
    candidates = [(lhs, index) for lhs, value in stores.assignments
                  if (index := _source_index(sources, value)) is not None]
    candidates += [(pair, index) for pair, value in stores.field_values
                   if (index := _source_index(sources, value)) is not None]
    if not candidates:
        return set(), {}, {}
    locals_ = _locals(body)
    kept: set[int] = set()
    kept_into: dict[int, set[int]] = {}
    keeping: list[tuple[Node, int]] = []  # the stores that keep, for their guards
    for target, index in candidates:
        if target.type == "initializer_pair":
            if _initializer_escapes(target, locals_):
                kept.add(index)
                keeping.append((target, index))
            continue
        holder, dereferences = _store_root(target)
        if holder in pointer_params and holder not in locals_:
            if dereferences and not _reset_before_return(target, body, stores, pointer_params):
                kept_into.setdefault(index, set()).add(pointer_params[holder])  # `r->p = buf`: as long as *r lives
                keeping.append((target, index))
            continue  # `p = buf`: the parameter itself is a local of the call
        if dereferences == 1 and locals_.get(holder) is False:
            # `reader *rp = &r; rp->p = buf`: a cursor over the frame, or over
            # what a pointer parameter points to
            into = _local_pointer_targets(holder, stores, locals_, pointer_params)
            if into is not None:
                if not _reset_before_return(target, body, stores, pointer_params):
                    for param in into:
                        kept_into.setdefault(index, set()).add(param)
                    keeping.append((target, index))
                continue
        if _outlives_call(target, locals_) and not _reset_before_return(target, body, stores, pointer_params):
            kept.add(index)
            keeping.append((target, index))
    return kept, kept_into, _guards(keeping, body, params)


def _guards(keeping: list[tuple[Node, int]], body: Node, params: list[CParam]) -> dict[int, list[tuple]]:
    """For each kept parameter whose every keeping store is under a condition
    on an integer parameter: the conditions of each store."""
    integers = {p.name: p.index for p in params if p.name and not p.ctype.is_pointer}
    if not integers or not keeping:
        return {}
    # a parameter the body assigns (`if (len > 4) copy = 0;`) before a store no longer holds what the caller passed
    assigned: dict[str, int] = {}
    for node in [*_descendants(body, "assignment_expression"), *_descendants(body, "update_expression")]:
        name = text(node.child_by_field_name("left") or node.child_by_field_name("argument") or node)
        assigned[name] = min(node.start_byte, assigned.get(name, node.start_byte))
    guards: dict[int, list[tuple]] = {}
    for target, index in keeping:
        unchanged = {n: i for n, i in integers.items() if assigned.get(n, target.start_byte) >= target.start_byte}
        guards.setdefault(index, []).append(store_guard(target, body, unchanged))
    return {index: stores for index, stores in guards.items() if all(stores)}


def pointed_into(value: Node | None) -> set[str]:
    """The variables a pointer value points into: `buf` for `buf`,
    `(void *)buf`, `buf + 4`, `&buf[4]`, and both branches of
    `c ? buf : NULL`; not `*buf`, `buf[0]` or `p - buf` (an integer)."""
    node = strip_casts(value)
    if node is None:
        return set()
    if node.type == "conditional_expression":
        return pointed_into(node.child_by_field_name("consequence")) | \
            pointed_into(node.child_by_field_name("alternative"))
    if node.type == "binary_expression":
        if text(node.child_by_field_name("operator")) != "+":
            return set()
        return {value_name(node.child_by_field_name("left")), value_name(node.child_by_field_name("right"))} - {""}
    if node.type == "pointer_expression" and text(node.child_by_field_name("operator")) == "&":
        inner = strip_casts(node.child_by_field_name("argument"))
        if inner is not None and inner.type == "subscript_expression":
            node = inner.child_by_field_name("argument")
    name = value_name(node)
    return {name} if name else set()


def _source_index(sources: dict[str, int], value: Node | None) -> int | None:
    """The parameter (by index) a stored value points into, if any."""
    return next((sources[name] for name in sorted(pointed_into(value)) if name in sources), None)

def _parameter_aliases(stores: _BodyStores, pointer_params: dict[str, int]) -> dict[str, int]:
    """The pointer parameters, and the locals the body declares with one as
    their value (`const unsigned char *q = buf;`, also through `+` and
    `&buf[i]`): storing `q` where it outlives the call keeps `buf`."""
    sources = dict(pointer_params)
    for _ in range(2):  # (q = buf; r = q;)
        for lhs, value in stores.assignments:
            declaration = lhs.parent.parent if lhs.parent is not None and lhs.parent.type == "init_declarator" \
                else None
            if declaration is None or declaration.type != "declaration" or any(
                    c.type == "storage_class_specifier" and text(c) == "static" for c in declaration.children):
                continue  # (an assignment may set a global: a store, not an alias)
            name = _declarator_name(lhs)
            index = _source_index(sources, value)
            if name and index is not None and name not in sources:
                sources[name] = index
    # an alias pointed elsewhere later (`q = static_buf`) is no longer the argument
    for lhs, _ in stores.assignments:
        if lhs.type == "identifier" and text(lhs) in sources and text(lhs) not in pointer_params:
            del sources[text(lhs)]
    return sources


def _reset_before_return(target: Node, body: Node, stores: _BodyStores, pointer_params: dict[str, int]) -> bool:
    """`cur = s; ...; cur = NULL;`: the global `target` (or a field through
    a pointer parameter, `c->cur`) is set to NULL (or 0), or a global back
    to the value a local saved before the store (`saved = cur; cur = s;
    ...; cur = saved;`), on every way out of the body after the store: by a
    statement of the body's own block (also after a label) that every
    `goto` before it jumps ahead to, and before every `return` in between
    in that return's own block. C holds the pointer only while the call
    runs (a cursor for the functions it calls)."""
    key = _lvalue_key(target)
    if not key:
        return False
    saves = _saved_before(key, target, body, stores) if target.type == "identifier" else {}
    resets = [statement for lhs, value in stores.assignments
              if lhs.start_byte > target.end_byte and _lvalue_key(lhs) == key
              and (_is_null(value) or value_name(value) in saves)
              and (statement := _statement_of(lhs)) is not None]
    labels = {text(label): node for node in _descendants(body, "labeled_statement")
              if (label := node.child_by_field_name("label")) is not None}
    exits = [n for kind in ("return_statement", "goto_statement") for n in _descendants(body, kind)]
    # a macro call (`EXPECT(x)`, spelled in capitals) may hide a `return`
    exits += [call for call in _descendants(body, "call_expression")
              if (callee := call.child_by_field_name("function")) is not None and callee.type == "identifier"
              and text(callee).isupper()]
    if target.type == "field_expression":  # `f = f->up` between: the reset clears another object
        base = text(target.child_by_field_name("argument"))
        if any(lhs.type == "identifier" and text(lhs) == base for lhs, _ in stores.assignments):
            return False
    for reset in resets:
        block = reset.parent.parent if reset.parent is not None and reset.parent.type == "labeled_statement" \
            else reset.parent
        if block != body:
            continue
        if all(_leaves_reset(exit, target, reset, resets, labels) for exit in exits
               if target.start_byte < exit.start_byte < reset.start_byte):
            if target.type == "identifier":
                return not _global_copied(key, target, set(saves.values()))
            if target.type == "pointer_expression":  # `*slot = p; wait(); *slot = NULL;` (go-ceph's PtrGuard)
                return not _slot_escapes(target, body, stores)
            return not _field_copied(target)
    return False


def _slot_escapes(target: Node, body: Node, stores: _BodyStores) -> bool:
    """Whether `*slot` is read anywhere but as the target of a store
    (`keep(*slot)`, `last = *slot`), or `slot` itself is pointed elsewhere
    (`slot = &other;`): the reset may then clear another slot, or come
    after a copy."""
    slot = text(target.child_by_field_name("argument"))
    if any(lhs.type == "identifier" and text(lhs) == slot for lhs, _ in stores.assignments):
        return True
    for node in _descendants(body, "pointer_expression"):
        argument = node.child_by_field_name("argument")
        if text(node.child_by_field_name("operator")) != "*" or argument is None or text(argument) != slot:
            continue
        use = _above_parentheses(node)
        if use is None or use.type != "assignment_expression" or use.child_by_field_name("left") != node:
            return True
    return False


def _leaves_reset(exit: Node, store: Node, reset: Node, resets: list[Node], labels: dict[str, Node]) -> bool:
    """Whether a `return` between the store and the body's reset comes after
    a reset in its own block, or a `goto` jumps to a label between it and
    the reset (so the reset still runs); a macro that may return never does."""
    if exit.type == "call_expression":
        return False
    if exit.type == "goto_statement":
        label = exit.child_by_field_name("label")
        target = labels.get(text(label)) if label is not None else None
        return target is not None and exit.start_byte < target.start_byte <= reset.start_byte
    return any(r.parent == exit.parent and store.end_byte < r.start_byte < exit.start_byte for r in resets)


def _statement_of(lhs: Node) -> Node | None:
    statement = lhs.parent
    while statement is not None and statement.type in ("assignment_expression", "parenthesized_expression"):
        statement = statement.parent
    return statement if statement is not None and statement.type == "expression_statement" else None


def _lvalue_key(lhs: Node) -> str:
    """A global's name, `c->cur` for a field reached from a variable, or
    `*slot` for what a variable points to."""
    if lhs.type == "identifier":
        return text(lhs)
    if lhs.type in ("field_expression", "pointer_expression"):
        base = lhs.child_by_field_name("argument")
        if base is not None and base.type == "identifier" and (
                lhs.type == "field_expression" or text(lhs.child_by_field_name("operator")) == "*"):
            return "".join(text(lhs).split())
    return ""


def _field_copied(field: Node) -> bool:
    """Whether any code of the file reads a field of this name (`x->cur`,
    `x.cur`) into something, or copies the whole struct the store goes
    through (`last = *lx`): the pointer may then outlive the reset."""
    name = text(field.child_by_field_name("field"))
    base = text(field.child_by_field_name("argument"))
    root = field
    while root.parent is not None:
        root = root.parent
    for lhs, value in _body_stores(root).assignments:
        value = strip_casts(value)
        if value is not None and value.type == "field_expression" and lhs != field \
                and text(value.child_by_field_name("field")) == name:
            return True
        if value is not None and value.type == "pointer_expression" and \
                text(value.child_by_field_name("operator")) == "*" and value_name(value.child_by_field_name("argument")) == base:
            return True
    return False


def _saved_before(name: str, target: Node, body: Node, stores: _BodyStores) -> dict[str, Node]:
    """Locals of the body (not static) that copy the global `name` before
    the store `target` and are never assigned again: the value to restore.
    Maps each local's name to its save."""
    locals_ = _locals(body)
    saves: dict[str, Node] = {}
    assigned: dict[str, int] = {}
    for lhs, value in stores.assignments:
        local = value_name(lhs) if lhs.type == "identifier" else _declarator_name(lhs)
        assigned[local] = assigned.get(local, 0) + 1
        if locals_.get(local) is False and value_name(value) == name and lhs.end_byte < target.start_byte:
            saves[local] = lhs
    return {local: lhs for local, lhs in saves.items() if assigned[local] == 1}


def _global_copied(name: str, node: Node, saves: set[Node] = frozenset()) -> bool:
    """Whether any code of the file around `node` reads the global `name` into
    something (`copy = cursor`) other than the `saves` restored before the
    function returns: the pointer may then outlive the reset."""
    root = node
    while root.parent is not None:
        root = root.parent
    assignments = _body_stores(root).assignments
    for lhs, value in assignments:
        if lhs not in saves and name in pointed_into(value) and not _restoring_save(lhs, name):
            return True
    # a getter hands it to whoever stores what it returns (`kept = get_current()`)
    getters = set()
    for returned in _descendants(root, "return_statement"):
        if returned.named_children and name in pointed_into(returned.named_children[0]):
            function = returned.parent
            while function is not None and function.type != "function_definition":
                function = function.parent
            if function is not None:
                getters.add(_declarator_name(function.child_by_field_name("declarator")))
    return bool(getters) and any(
        (call := strip_casts(value)) is not None and call.type == "call_expression"
        and text(call.child_by_field_name("function")) in getters for _, value in assignments)


def _restoring_save(lhs: Node, name: str) -> bool:
    """`saved = cursor` into a local of a function whose only later use of
    it is to put it back (`cursor = saved`): another function's save."""
    local = text(lhs) if lhs.type == "identifier" else _declarator_name(lhs)
    body = lhs.parent
    while body is not None and not (body.type == "compound_statement" and body.parent is not None
                                    and body.parent.type == "function_definition"):
        body = body.parent
    if not local or body is None or _locals(body).get(local) is not False:
        return False
    for node in _descendants(body, "identifier"):
        if text(node) != local or node == lhs or node.parent == lhs or _declarator_name(node.parent) == local:
            continue
        parent = node.parent
        if parent is None or parent.type != "assignment_expression" or parent.child_by_field_name("right") != node \
                or text(parent.child_by_field_name("left")) != name:
            return False
    return True


def _is_null(value: Node | None) -> bool:
    """NULL, 0 or nullptr, through casts and chained assignments (`a = b = NULL`)."""
    value = strip_casts(value)
    while value is not None and value.type == "assignment_expression":
        value = strip_casts(value.child_by_field_name("right"))
    return value is not None and (value.type == "null" or text(value) in ("0", "NULL", "nullptr"))


def _local_pointer_targets(holder: str, stores: "_BodyStores", locals_: dict[str, bool],
                           pointer_params: dict[str, int]) -> set[int] | None:
    """What the body's local pointer `holder` points into, when every value
    it is given says so: the pointer parameters it copies (their indices),
    or, for `&r` or `&r.field` of a non-static local, the frame (nothing to
    add). None when a value is anything else, or there is none."""
    values = [value for target, value in stores.assignments if _declarator_name(target) == holder]
    if not values:
        return None
    into: set[int] = set()
    for value in values:
        value = strip_casts(value)
        if value is not None and value.type == "pointer_expression" \
                and text(value.child_by_field_name("operator")) == "&":
            root, dereferences = _store_root(value.child_by_field_name("argument"))
            if locals_.get(root) is False and not dereferences and not _copied(root, holder, stores):
                continue
            return None
        name = text(value) if value is not None and value.type == "identifier" else ""
        if name in pointer_params and name not in locals_:
            into.add(pointer_params[name])
            continue
        return None
    return into


def _copied(name: str, cursor: str, stores: "_BodyStores") -> bool:
    """Whether the body stores the local `name` (or its address) anywhere but
    in `cursor`, or passes it to a call: what a cursor stored into it may
    then outlive the call."""
    values = [value for target, value in stores.assignments if _declarator_name(target) != cursor]
    values += [a for _, args in stores.calls for a in c_arguments(args)]
    for value in values:
        value = strip_casts(value)
        if value is not None and value.type == "pointer_expression" and text(value.child_by_field_name("operator")) == "&":
            value = value.child_by_field_name("argument")
        if value is not None and _store_root(value)[0] == name:
            return True
    return False


def _declarator_name(declarator: Node | None) -> str:
    """The variable an assignment target or a declarator names (`rp` for
    `rp`, `*rp`, `*rp = &r` and `buf[4]`), or "" for a store into part of
    something (`rp->p`)."""
    node = declarator
    while node is not None and node.type not in ("identifier", "field_identifier", "type_identifier"):
        node = node.child_by_field_name("declarator") if node.type.endswith("declarator") else None
    return text(node) if node is not None else ""


def _store_root(lhs: Node) -> tuple[str, int]:
    """The variable an assignment target is rooted in (`r` for `r->a.b[1]`),
    and how many pointers the store goes through on the way (`rp->p`: 1,
    `rp->next->p`: 2)."""
    node, dereferences = lhs, 0
    while node is not None and node.type in ("field_expression", "subscript_expression",
                                              "parenthesized_expression", "pointer_expression"):
        if node.type == "field_expression" and text(node.child_by_field_name("operator")) == "->" or \
                node.type in ("pointer_expression", "subscript_expression"):
            dereferences += 1
        inner = node.child_by_field_name("argument")
        node = inner if inner is not None else (node.named_children[0] if node.named_children else None)
    return (text(node) if node is not None and node.type == "identifier" else ""), dereferences


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
            name = _declarator_name(declarator)
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


def value_name(node: Node) -> str:
    """The identifier a stored value comes from, through casts and parentheses."""
    node = strip_casts(node)
    return text(node) if node is not None and node.type == "identifier" else ""


def strip_casts(node: Node | None) -> Node | None:
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


def propagate_keeps(model: CPreamble) -> None:
    """A function that passes its pointer parameter to one that keeps (or
    frees) it keeps (or frees) it too. Passed to one that stores it through
    another argument (`reader_init(&r, buf)` storing `r->p = buf`), it is
    kept only if that argument outlives the call: not the address of a local."""
    if not any(function.keeps or function.frees or function.keeps_into for function in model.functions.values()):
        return  # nothing to pass on (the common case)
    forwarders = []  # the functions that may pass a pointer parameter on, with their calls
    for function in model.functions.values():
        names = pointer_parameters(function, model)
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
                arguments = c_arguments(args)
                for position, arg in enumerate(arguments):
                    index = names.get(value_name(arg))
                    if index is None:
                        continue
                    for passed, taken in ((callee.keeps, function.keeps), (callee.frees, function.frees)):
                        if position in passed and index not in taken:
                            taken.add(index)
                            changed = True
                    if position in callee.keeps or position in callee.keeps_into:
                        function.keep_guards.pop(index, None)  # kept through the callee whatever the condition
                    for through in sorted(callee.keeps_into.get(position, ())):
                        holder = arguments[through] if through < len(arguments) else None
                        if holder is not None and _address_of_local(holder, locals_of, function):
                            continue  # stored into the caller's own local: gone when it returns
                        holder_index = names.get(value_name(holder)) if holder is not None else None
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


# libc calls that return memory of their own, for the caller to free()
_FRESH = frozenset({"malloc", "calloc", "strdup", "strndup"})  # (not realloc: it may hand back its argument)
# libc calls a fresh block may be handed to while it is filled: they keep nothing
_FILLING = frozenset({"memcpy", "memmove", "memset", "strcpy", "strncpy", "strcat", "strncat", "snprintf",
                     "sprintf", "strlen"})


def returns_fresh_memory(body: Node, parameters: list[str]) -> bool:
    """Every `return` of the body gives a block a libc allocator made here
    (`return strdup(s);`, or a local set once from one and otherwise only
    filled or tested: go-ceph's `nextChunk`), or NULL: the caller owns it,
    and frees it with free()."""
    returns = list(_descendants(body, "return_statement"))
    if not returns:
        return False
    locals_ = _locals(body)
    made: dict[str, Node] = {}  # automatic locals set from an allocator -> that assignment
    for lhs, value in _body_stores(body).assignments:
        # a parameter holds the caller's value until then: only a store every path makes counts
        own = locals_.get(text(lhs)) is False or text(lhs) in parameters and text(lhs) not in locals_ \
            and lhs.parent.parent is not None and lhs.parent.parent.parent == body
        if lhs.type == "identifier" and own and _fresh_call(value):
            made[text(lhs)] = lhs.parent
    for declarator in _descendants(body, "init_declarator"):
        name = _declarator_name(declarator.child_by_field_name("declarator"))
        if locals_.get(name) is False and _fresh_call(declarator.child_by_field_name("value")):
            made[name] = declarator
    fresh = False
    for statement in returns:
        value = strip_casts(statement.named_children[0]) if statement.named_children else None
        if value is None or _is_null(value):
            continue
        if _fresh_call(value) or value.type == "identifier" and text(value) in made \
                and made[text(value)].end_byte <= statement.start_byte \
                and _only_filled(text(value), body, made[text(value)]):
            fresh = True
            continue
        return False
    return fresh


def _fresh_call(value: Node | None) -> bool:
    value = strip_casts(value)
    callee = value.child_by_field_name("function") if value is not None and value.type == "call_expression" else None
    return callee is not None and callee.type == "identifier" and text(callee) in _FRESH


def _only_filled(name: str, body: Node, made: Node) -> bool:
    """The local `name` is set once (by `made`) and otherwise only indexed,
    dereferenced, tested, returned, or handed to a libc call that fills or
    measures it: nothing else can hold the block."""
    for node in _descendants(body, "identifier"):
        if text(node) != name or made.start_byte <= node.start_byte < made.end_byte:
            continue
        parent = _above_parentheses(node)
        if parent is None:
            return False
        if parent.type == "assignment_expression":
            if parent.child_by_field_name("left") == node and parent != made:
                return False  # set again
            if parent.child_by_field_name("right") == node:
                return False  # copied
        elif parent.type == "argument_list":
            call = parent.parent
            callee = call.child_by_field_name("function") if call is not None else None
            if callee is None or text(callee) not in _FILLING:
                return False
        elif parent.type in ("init_declarator", "field_expression") or parent.type == "pointer_expression" \
                and text(parent.child_by_field_name("operator")) == "&":
            return False
    return True
