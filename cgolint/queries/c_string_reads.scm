; Inside one C function body: what tells whether a parameter is read to its NUL.
(call_expression) @call
(init_declarator) @assign
(assignment_expression) @assign
(while_statement) @loop
(for_statement) @loop
(comment) @blank
(string_literal) @blank
