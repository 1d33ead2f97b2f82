"""The `gatehouse` command line: subcommands by noun and verb, `--json` on every data command."""

__all__: list[str] = []
