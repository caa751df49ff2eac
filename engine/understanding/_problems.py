"""The traits a query's concerns are made of: what the shopper wants gone without denying it.

"겨울에 얼굴 땅기는 거 잡아줄 크림" and "보습 크림" deny nothing, yet a review sentence that
reports tightness ("바르고 나서 얼굴이 당기는 듯한 느낌") says the opposite of the need. A trait
concept of the trait lexicon is a problem of the query when at least `MIN_SHARED_STEMS` of its
stems are signal words (symptom language, not the related product and effect words: 쿨링 goes
with an oily scalp as its remedy) of the concerns the query describes: one shared stem alone is a
coincidence of spelling (쩍쩍 is both dry heels and a sticky texture). Only concepts whose
opposite reviews praise (the lexicon lists opposites: 당김 ↔ 촉촉) count as defects; a scent or
a cooling feel is wanted by as many shoppers as avoid it.
"""

from __future__ import annotations

from typing import Sequence

from engine.keyword import Morpheme
from engine.understanding._concerns import ConcernLexicon, query_concerns
from engine.understanding._traits import AbsenceCue, TraitLexicon

MIN_SHARED_STEMS = 2


def problem_traits(morphemes: Sequence[Morpheme], concerns: ConcernLexicon, traits: TraitLexicon,
                   denied: Sequence[AbsenceCue] = ()) -> tuple[AbsenceCue, ...]:
    """Cues of the trait concepts the query's concerns name (the traits it denies left out)."""
    described = set(query_concerns(morphemes, concerns))
    words = frozenset(word for word, named in concerns.cues.items() if named & described)
    taken = {name for cue in denied for name in cue.label.split("/")}
    return tuple(AbsenceCue(stems, name, traits.opposites_of(frozenset({name})))
                 for name, stems in sorted(traits.concepts.items())
                 if len(stems & words) >= MIN_SHARED_STEMS and name in traits.opposites
                 and name not in taken)
