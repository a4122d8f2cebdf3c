"""The one YAML loader: safe types only, no anchors or aliases, no duplicate keys, bounded nesting.

Every YAML file framing reads (article front matter, the study, lexicons,
quanteda dictionaries, ``figures.yaml``, the files the package ships) goes
through :func:`load_yaml`. On top of PyYAML's safe loader it refuses

- anchors and aliases (``&name``, ``*name``): a 1.5 KB file of nested
  aliases ("billion laughs") expands into gigabytes, and no framing file
  needs them;
- a key given twice in one mapping: YAML keeps the last silently, so a
  category or a side defined twice would lose its first definition;
- nesting deeper than ``max_depth``: deep nesting ends in a RecursionError
  instead of a message.

Each refusal is a :class:`~framing.errors.FramingError` (of the class the
caller asks for) naming the file, the line and the fix.
"""

from __future__ import annotations

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

from .errors import FramingError

__all__ = ["load_yaml", "MAX_YAML_DEPTH"]

#: Deepest nesting of mappings and lists accepted (framing's own files need fewer than ten levels).
MAX_YAML_DEPTH = 50


class _Refused(Exception):
    """A YAML construct framing does not accept: the message and the 1-based line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors, aliases or duplicate keys, and with a depth limit."""

    max_depth = MAX_YAML_DEPTH
    line_offset = 0  # lines of the file before the YAML text

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._depth = 0

    def _line(self, mark) -> int:
        return mark.line + 1 + self.line_offset

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or (isinstance(event, (ScalarEvent, CollectionStartEvent))
                                             and event.anchor is not None):
            kind = "alias" if isinstance(event, AliasEvent) else "anchor"
            raise _Refused(f"a YAML {kind} ({'*' if kind == 'alias' else '&'}{event.anchor}) is not allowed: "
                           "anchors and aliases can expand a small file into gigabytes. Write the values out "
                           "in full", self._line(event.start_mark))
        self._depth += 1
        try:
            if self._depth > self.max_depth:
                raise _Refused(f"nesting deeper than {self.max_depth} levels. Flatten the file",
                               self._line(event.start_mark))
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict[object, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.get(key)
                except TypeError:  # an unhashable key: the safe constructor reports it
                    continue
                line = self._line(key_node.start_mark)
                if first is not None:
                    raise _Refused(f"the key {key!r} is given twice in one mapping (lines {first} and {line}); "
                                   "YAML would keep only the last. Keep one, or merge the two", line)
                seen[key] = line
        return super().construct_mapping(node, deep=deep)


class _StrictTextLoader(_StrictLoader):
    """As :class:`_StrictLoader`, but dates stay text (front matter dates are checked by the corpus reader)."""


_StrictTextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, *, where: str, error: type[FramingError] = FramingError, dates: bool = True,
              first_line: int = 1, max_depth: int = MAX_YAML_DEPTH) -> object:
    """Parse one YAML document safely; refuse anchors, aliases, duplicate keys and deep nesting.

    Parameters
    ----------
    text : str
        The YAML text.
    where : str
        The file (or file and part) named in every message.
    error : FramingError subclass, default FramingError
        The class raised for a refused construct (StudyError for a study,
        LexiconError for a lexicon, ...).
    dates : bool, default True
        ``False`` keeps unquoted dates (``2016-10-12``) as text.
    first_line : int, default 1
        The line of the file ``text`` starts on, so that lines are counted
        as the file shows them (front matter starts on line 2).
    max_depth : int, default :data:`MAX_YAML_DEPTH`
        Deepest nesting of mappings and lists accepted.

    Returns
    -------
    object
        What :func:`yaml.safe_load` returns for the same text.

    Raises
    ------
    FramingError
        Of class ``error``, for an anchor, alias, repeated key or too deep
        nesting, naming the line. Malformed YAML raises :class:`yaml.YAMLError`
        as before, for the caller to word.

    Examples
    --------
    >>> load_yaml("a: 1\\nb: [x, y]\\n", where="demo.yml")
    {'a': 1, 'b': ['x', 'y']}
    >>> load_yaml("a: 1\\na: 2\\n", where="demo.yml")
    Traceback (most recent call last):
    ...
    framing.errors.FramingError: demo.yml, line 2: the key 'a' is given twice in one mapping (lines 1 and 2); YAML would keep only the last. Keep one, or merge the two.
    """
    loader = (_StrictLoader if dates else _StrictTextLoader)(text)
    loader.max_depth = max_depth
    loader.line_offset = first_line - 1
    try:
        return loader.get_single_data()
    except _Refused as refused:
        raise error(f"{where}, line {refused.line}: {refused.message}.") from None
    finally:
        loader.dispose()
