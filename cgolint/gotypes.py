"""Go types as far as source tells them. Unknown stays unknown (None)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tree_sitter import Node

from .source import text

NUMERIC_SIZES = {
    "int": 8, "uint": 8, "uintptr": 8, "int64": 8, "uint64": 8, "float64": 8, "complex64": 8,
    "int32": 4, "uint32": 4, "rune": 4, "float32": 4, "int16": 2, "uint16": 2,
    "int8": 1, "uint8": 1, "byte": 1, "bool": 1, "complex128": 16,
}


@dataclass(frozen=True)
class GoType:
    """kind: basic, string, named, pointer, slice, array, map, chan, func,
    interface, struct, c (a `C.name` type), unsafe_pointer."""

    kind: str
    name: str = ""
    elem: "GoType | None" = None
    length: int | None = None
    fields: tuple[tuple[str, "GoType | None"], ...] = ()

    def __str__(self) -> str:
        if self.kind in ("basic", "string", "named"):
            return self.name or self.kind
        if self.kind == "c":
            return f"C.{self.name}"
        if self.kind == "unsafe_pointer":
            return "unsafe.Pointer"
        if self.kind == "pointer":
            return f"*{self.elem}"
        if self.kind == "slice":
            return f"[]{self.elem}"
        if self.kind == "array":
            return f"[{'' if self.length is None else self.length}]{self.elem}"
        return self.name or self.kind


STRING = GoType("string", "string")
INT = GoType("basic", "int")
BOOL = GoType("basic", "bool")
BYTE = GoType("basic", "byte")
UNSAFE_POINTER = GoType("unsafe_pointer")
ERROR = GoType("interface", "error")


def pointer(elem: GoType | None) -> GoType | None:
    return GoType("pointer", elem=elem) if elem is not None else GoType("pointer")


def slice_of(elem: GoType | None) -> GoType:
    return GoType("slice", elem=elem)


@lru_cache(maxsize=4096)  # (a GoType is immutable; C type names repeat all through a run)
def c_type(name: str, pointers: int = 0) -> GoType:
    result = GoType("c", name)
    for _ in range(pointers):
        result = GoType("pointer", elem=result)
    return result


# Standard types whose shape matters for cgo: pointer-free values, or ones
# that hold Go pointers. Keyed by import path and name.
STANDARD_TYPES: dict[tuple[str, str], GoType] = {
    ("runtime/cgo", "Handle"): GoType("basic", "cgo.Handle"),
    ("runtime", "Pinner"): GoType("struct", "runtime.Pinner", fields=(("refs", GoType("pointer")),)),
    ("sync", "Mutex"): GoType("struct", "sync.Mutex", fields=(("state", INT),)),
    ("sync", "RWMutex"): GoType("struct", "sync.RWMutex", fields=(("state", INT),)),
    ("sync", "WaitGroup"): GoType("struct", "sync.WaitGroup", fields=(("state", INT),)),
    ("time", "Duration"): GoType("basic", "time.Duration"),
    ("time", "Time"): GoType("struct", "time.Time", fields=(("loc", GoType("pointer")),)),
    ("reflect", "SliceHeader"): GoType("struct", "reflect.SliceHeader", fields=(("Data", GoType("basic", "uintptr")), ("Len", INT), ("Cap", INT))),
    ("reflect", "StringHeader"): GoType("struct", "reflect.StringHeader", fields=(("Data", GoType("basic", "uintptr")), ("Len", INT))),
    ("strings", "Builder"): GoType("struct", "strings.Builder", fields=(("buf", slice_of(BYTE)),)),
    ("bytes", "Buffer"): GoType("struct", "bytes.Buffer", fields=(("buf", slice_of(BYTE)),)),
    ("os", "File"): GoType("struct", "os.File", fields=(("file", GoType("pointer")),)),
    ("context", "Context"): GoType("interface", "context.Context"),
    ("io", "Reader"): GoType("interface", "io.Reader"),
    ("io", "Writer"): GoType("interface", "io.Writer"),
}
_IMAGE_RECT = GoType("struct", "image.Rectangle", fields=(
    ("Min", GoType("struct", "image.Point", fields=(("X", INT), ("Y", INT)))),
    ("Max", GoType("struct", "image.Point", fields=(("X", INT), ("Y", INT))))))
for _name in ("RGBA", "NRGBA", "Gray", "Alpha", "CMYK", "RGBA64", "NRGBA64", "Gray16", "Alpha16"):
    # image buffers handed to C codecs: Pix is the pixel data, Stride the bytes per row
    STANDARD_TYPES[("image", _name)] = GoType("struct", f"image.{_name}", fields=(
        ("Pix", slice_of(BYTE)), ("Stride", INT), ("Rect", _IMAGE_RECT)))

BUILTIN_TYPES = {name: GoType("basic", name) for name in NUMERIC_SIZES}
BUILTIN_TYPES.update({"string": STRING, "error": ERROR, "any": GoType("interface", "any")})


def parse_type(node: Node | None, imports: dict[str, str], _depth: int = 0) -> GoType | None:
    """The GoType a type node (or a type written as an expression) spells.
    Nesting (wrappers and struct fields together) stops at 64: deeper is
    unknown (None), so no input can make a GoType too deep to compare."""
    depth = _depth
    wrappers: list[tuple[str, int | None]] = []
    result: GoType | None = None
    while node is not None and depth < 64:
        depth += 1
        kind = node.type
        if kind in ("parenthesized_type", "parenthesized_expression"):
            node = node.named_children[0] if node.named_children else None
            continue
        if kind == "pointer_type" or (kind == "unary_expression" and text(node.child_by_field_name("operator")) == "*"):
            wrappers.append(("pointer", None))
            node = node.child_by_field_name("operand") if kind == "unary_expression" else (node.named_children[0] if node.named_children else None)
            continue
        if kind == "slice_type":
            wrappers.append(("slice", None))
            node = node.child_by_field_name("element")
            continue
        if kind in ("array_type", "implicit_length_array_type"):
            length_node = node.child_by_field_name("length")
            wrappers.append(("array", _int_value(length_node)))
            node = node.child_by_field_name("element")
            continue
        result = _leaf_type(node, imports, depth)
        break
    if result is None:
        return None
    for kind, length in reversed(wrappers):
        result = GoType(kind, elem=result, length=length)
    return result


def _leaf_type(node: Node, imports: dict[str, str], depth: int = 0) -> GoType | None:
    kind = node.type
    if kind in ("type_identifier", "identifier"):
        name = text(node)
        return BUILTIN_TYPES.get(name) or GoType("named", name)
    if kind in ("qualified_type", "selector_expression"):
        package = node.child_by_field_name("package") or node.child_by_field_name("operand")
        name_node = node.child_by_field_name("name") or node.child_by_field_name("field")
        if package is None or name_node is None or package.type not in ("package_identifier", "identifier"):
            return None
        path = imports.get(text(package))
        name = text(name_node)
        if path == "C":
            return GoType("c", name)
        if path == "unsafe" and name == "Pointer":
            return UNSAFE_POINTER
        if path is None:
            return None
        # another package's type: a name whose definition is out of sight
        # (`[]color.RGBA` is still a slice, whatever its elements are)
        return STANDARD_TYPES.get((path, name)) or GoType("named", f"{text(package)}.{name}")
    if kind == "map_type":  # the value type, for `m[k]`
        return GoType("map", elem=parse_type(node.child_by_field_name("value"), imports, depth + 1))
    if kind == "channel_type":
        return GoType("chan")
    if kind == "function_type":
        return GoType("func")
    if kind == "interface_type":
        return GoType("interface")
    if kind == "struct_type":
        fields = struct_fields(node, imports, depth + 1)
        return GoType("struct", fields=tuple(fields)) if fields is not None else None
    if kind == "generic_type":
        return GoType("named", text(node.child_by_field_name("type")))
    return None


def struct_fields(struct_node: Node, imports: dict[str, str], _depth: int = 0) -> list[tuple[str, GoType | None]] | None:
    """The fields of a struct type; None when nested too deeply to know."""
    if _depth >= 64:
        return None
    fields: list[tuple[str, GoType | None]] = []
    body = struct_node.named_children[0] if struct_node.named_children else None
    for decl in body.named_children if body is not None else []:
        if decl.type != "field_declaration":
            continue
        field_type = parse_type(decl.child_by_field_name("type"), imports, _depth)
        names = [text(n) for n in decl.children_by_field_name("name")]
        if not names:  # embedded field: named by its type
            names = [text(decl.child_by_field_name("type")).lstrip("*").rsplit(".", 1)[-1]]
        fields.extend((name, field_type) for name in names)
    return fields


def _int_value(node: Node | None) -> int | None:
    if node is None or node.type != "int_literal":
        return None
    try:
        return int(text(node).replace("_", ""), 0)
    except ValueError:
        return None
