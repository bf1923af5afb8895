"""Which text encoder a classifier uses, chosen by name.

'static' is the token table distilled from the packaged MiniLM (fast, the
default); 'minilm' runs the transformer itself. One shared instance of each
per process, so the weights are loaded once.
"""

from __future__ import annotations

from collections.abc import Callable

from nlp_pipeline.classify.encoder import shared_encoder
from nlp_pipeline.classify.static_encoder import shared_static_encoder

ENCODERS: dict[str, Callable[[], object]] = {
    "static": shared_static_encoder,
    "minilm": shared_encoder,
}


def make_encoder(name: str):
    if name not in ENCODERS:
        raise ValueError(f"unknown encoder '{name}' (available: {', '.join(ENCODERS)})")
    return ENCODERS[name]()
