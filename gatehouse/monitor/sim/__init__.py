"""A labeled simulator of a week of gateway traffic, honest and distilling (`generator.simulate`)."""

__all__: list[str] = []
