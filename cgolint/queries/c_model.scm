; Candidate declarations of a cgo preamble (and its local headers).
(function_definition) @function
(declaration) @declaration
(type_definition) @typedef
(struct_specifier name: (type_identifier) body: (field_declaration_list)) @struct
(union_specifier name: (type_identifier) body: (field_declaration_list)) @struct
(preproc_def name: (identifier) value: (preproc_arg)) @define
(enumerator_list) @enumerators
(preproc_include path: (string_literal) @include)
(preproc_include path: (system_lib_string) @include)
(preproc_call directive: (preproc_directive) @directive (#eq? @directive "#cgo")) @cgo
