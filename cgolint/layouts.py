"""How elements are laid out on the Go side and on the C side, and whether
reading Go elements through a C pointer type misreads them.

CGL002 (slice-cast-to-c-pointer) reports `[]int` read as `*C.int`; that
needs sizes, alignments and the kind of number of both element types, with
the preamble's typedefs and structs resolved. Sizes assume an LP64 target
(linux/amd64, linux/arm64, darwin/arm64), as `PackageModel.size_of` does;
a type this model cannot size answers None, and the rule stays silent.

The API: `go_layout(t, model)`, `c_layout(name, model)` -> `Layout | None`
(size, alignment, class: CHAR, INTEGER, FLOAT, COMPLEX, STRUCT, POINTER);
`layout_mismatch(go_elem, c_target, model)` -> `Mismatch | None`.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import gotypes
from .gotypes import GoType
from .model import PackageModel
from .preamble import FLOATING, PRIMITIVE_SIZES, CType

# Element classes: two element types share a layout only if size and class agree.
CHAR, INTEGER, FLOAT, COMPLEX, STRUCT, POINTER = "char", "integer", "float", "complex", "struct", "pointer"
_C_CHAR_BASES = frozenset({"char", "schar", "uchar", "signed char", "unsigned char", "int8_t", "uint8_t"})
_GO_CHAR_NAMES = frozenset({"byte", "uint8", "int8"})


@dataclass(frozen=True)
class Layout:
    size: int
    align: int
    cls: str
    spelling: str


def c_layout(name: str, model: PackageModel, depth: int = 0) -> Layout | None:
    """Layout of the C type cgo calls `C.<name>` (typedefs followed)."""
    preamble = model.preamble
    if name.startswith("struct_"):
        size = preamble.size_of(name)
        return Layout(size, _c_struct_align(name[len("struct_"):], model), STRUCT, f"C.{name}") if size else None
    resolved = preamble.resolve(CType(name))
    if resolved.array is not None:
        return None
    if resolved.pointers:
        return Layout(8, 8, POINTER, f"C.{name}")
    base = resolved.base
    if base.startswith("struct "):
        size = preamble.size_of("struct_" + base[len("struct "):])
        return Layout(size, _c_struct_align(base[len("struct "):], model), STRUCT, f"C.{name}") if size else None
    if base.startswith("union ") or base == "void":
        return None
    size = PRIMITIVE_SIZES.get(base)
    if size is None:
        return None
    if base in FLOATING:
        cls = FLOAT
    elif base in _C_CHAR_BASES:
        cls = CHAR
    else:
        cls = INTEGER
    return Layout(size, size, cls, f"C.{name}")


def _c_struct_align(name: str, model: PackageModel) -> int:
    struct = model.preamble.structs.get(name)
    align = 1
    for _, ctype in struct.fields if struct is not None else []:
        element = model.preamble.ctype_size(CType(ctype.base, ctype.pointers)) or 1
        align = max(align, min(element, 8))
    return align


def go_layout(t: GoType | None, model: PackageModel, depth: int = 0) -> Layout | None:
    """Layout of a Go type on a 64-bit target, or None when unknown."""
    if t is None or depth > 16:
        return None
    spelling = str(t)
    u = model.underlying(t)
    if u is None:
        return None
    if u.kind == "basic":
        size = gotypes.NUMERIC_SIZES.get(u.name)
        if size is None:
            return None
        if u.name in _GO_CHAR_NAMES:
            cls = CHAR
        elif u.name.startswith("float"):
            cls = FLOAT
        elif u.name.startswith("complex"):
            cls = COMPLEX
        else:
            cls = INTEGER
        align = size if cls != COMPLEX else size // 2
        return Layout(size, align, cls, spelling)
    if u.kind == "c":
        layout = c_layout(u.name, model, depth + 1)
        return Layout(layout.size, layout.align, layout.cls, spelling) if layout else None
    if u.kind in ("pointer", "unsafe_pointer", "map", "chan", "func"):
        return Layout(8, 8, POINTER, spelling)
    if u.kind == "array" and u.length is not None:
        element = go_layout(u.elem, model, depth + 1)
        return Layout(element.size * u.length, element.align, STRUCT, spelling) if element else None
    if u.kind == "struct":
        offset, align = 0, 1
        for _, field_type in u.fields:
            member = go_layout(field_type, model, depth + 1)
            if member is None:
                return None
            offset = -(-offset // member.align) * member.align + member.size
            align = max(align, member.align)
        return Layout(-(-offset // align) * align if offset else 0, align, STRUCT, spelling)
    return None


@dataclass(frozen=True)
class Mismatch:
    go: Layout
    c: Layout
    reason: str  # "size" | "kind"


def layout_mismatch(go_elem: GoType | None, c_target: GoType | None, model: PackageModel) -> Mismatch | None:
    """Whether reading elements of Go type `go_elem` through a `*c_target`
    misreads them. Only judged where the pairing cannot be a deliberate byte
    or record view: both scalar numbers (neither a byte type), or both structs.
    C types known only by name (no preamble declaration) stay unknown."""
    if go_elem is None or c_target is None or c_target.kind != "c":
        return None
    go = go_layout(go_elem, model)
    c = c_layout(c_target.name, model)
    if go is None or c is None:
        return None
    scalar = (INTEGER, FLOAT)
    if go.cls in scalar and c.cls in scalar:
        if go.size != c.size:
            return Mismatch(go, c, "size")
        if go.cls != c.cls:
            return Mismatch(go, c, "kind")
        return None
    if go.cls == STRUCT and c.cls == STRUCT and go.size != c.size:
        underlying = model.underlying(go_elem)
        if underlying is not None and underlying.kind == "struct":
            return Mismatch(go, c, "size")
    return None
