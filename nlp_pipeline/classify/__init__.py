"""classify stage: a score per roadmap category for every passage, with the evidence behind it."""

from nlp_pipeline.classify.base import declare_classifier_modules

# Each module registers its technique by name when imported (on first use).
declare_classifier_modules(
    "nlp_pipeline.classify.cues",
    "nlp_pipeline.classify.similarity",
    "nlp_pipeline.classify.hybrid",
)
