; Inside one C function body: where a value is stored, and where it is passed on.
(assignment_expression left: (_) @lhs right: (_) @rhs)
(init_declarator declarator: (_) @lhs value: (_) @rhs)
(initializer_pair designator: (_) value: (_) @field_value) @field_init
(call_expression function: (identifier) @callee arguments: (argument_list) @args)
