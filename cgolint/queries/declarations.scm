; Inside one function: every node that declares or assigns a name.
[
  (function_declaration) (method_declaration) (func_literal)
  (short_var_declaration) (var_spec) (const_spec) (range_clause)
  (type_switch_statement) (assignment_statement)
] @scope.declaration
