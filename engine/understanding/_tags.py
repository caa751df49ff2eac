"""Kiwi's part-of-speech tags and the Korean prefixes the readers share, each defined once.

Kiwi uses the Sejong tag set (the analyser drops the irregular-conjugation suffix, so "VV-I" is
"VV"): NNG common noun, NNP proper noun, NNB bound noun (거, 적, 데), VV verb, VA adjective, XR
root of a 하다 word (건조, 촉촉), MAG adverb, MM determiner (그런, 다른), XPN/XSN/XSV/XSA prefix and
suffixes, J… particles, EP/EC/EF/ETM/ETN pre-final, connective, final, adnominal and nominal
endings, SF/SL/SN full stop, Latin letters and numbers.
"""

from __future__ import annotations

NOUNS = frozenset({"NNG", "NNP"})
VERBS = frozenset({"VV", "VA"})              # verbs and adjectives
PREDICATES = VERBS | {"XR"}                  # what a clause says of its subject
# Suffixes that make a predicate of a noun: 부각(되다), 건조(하다).
PREDICATE_SUFFIXES = frozenset({"XSV", "XSA"})
AUXILIARIES = frozenset({"VX", "EP"})        # -어 지다, -었-
# Words that may name a trait: "향", "끈적이", "촉촉", "끈적끈적", "SPF".
TRAIT_WORDS = NOUNS | PREDICATES | {"MAG", "SL"}
# Tags a word of stance takes: "없다", "별로", "싫다", "질색", "잡다".
STANCE_WORDS = frozenset({"NNG", "VV", "VA", "MAG"})
# Words that may report a trait's opposite: "산뜻해요", "촉촉", "보송".
OPPOSITE_WORDS = STANCE_WORDS | {"XR"}
PARTICLES = frozenset({"JKS", "JKC", "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC"})
ADNOMINAL_ENDINGS = frozenset({"ETM"})      # "끈적이는 (거)"
NOMINALISING_ENDINGS = frozenset({"ETM", "ETN"})
SENTENCE_ENDS = frozenset({"EF", "SF"})

# One-word prefixes of absence. Kiwi splits most of them off ("무" + "향", "논" + "코메도제닉");
# when it keeps the word whole ("무자극"), a query still asks for little or none of the rest.
NONE_PREFIXES = ("무", "노")                 # 무향, 노향: none of it
LITTLE_PREFIXES = ("저",)                    # 저자극: little of it; a review's "저자극" is praise
LOANED_PREFIXES = ("논",)                    # 논코메도제닉 (non-), only ever split off
ABSENCE_PREFIXES = frozenset(NONE_PREFIXES + LITTLE_PREFIXES + LOANED_PREFIXES)
# Prefixes a whole one-word query noun is read through ("무자극 클렌저", "저자극 토너").
WHOLE_WORD_PREFIXES = NONE_PREFIXES + LITTLE_PREFIXES
