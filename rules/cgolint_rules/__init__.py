"""cgolint's built-in rules, one module per rule, registered through the
`cgolint.rules` entry points in pyproject.toml like any third-party rule."""
