; Every name a declaration in a file introduces: parameters, results,
; receivers, locals, range variables and type-switch aliases. It is a
; superset of what any `FunctionScope` of the file holds (package-level
; vars and consts are in it too), so a name outside it needs no scope.
(parameter_declaration name: (identifier) @scope.name)
(variadic_parameter_declaration name: (identifier) @scope.name)
(short_var_declaration left: (expression_list (_) @scope.name))
; (a const spec's name field holds its commas too, and a field pattern
; stops at the first: its names are its identifier children)
(var_spec (identifier) @scope.name)
(const_spec (identifier) @scope.name)
(range_clause left: (expression_list (_) @scope.name))
(type_switch_statement alias: (expression_list (_) @scope.name))
