import re
from zlib import crc32

from aims_lint.patterns import lazy
from aims_lint.rule import Problem, rule

from .signals import POLICY_TYPE, anchor_line

# Domain words that a recycled policy swaps: they are made equal before comparing.
_DOMAIN = lazy(
    r"\b(?:artificial intelligence|information security|information technology|cyber ?security|data protection"
    r"|personal (?:data|information)|privacy|security|information|data|AI|ML|IT|AIMS|ISMS|PIMS|QMS"
    r"|ISO(?:/IEC)? ?(?:42001|27001|27701|27002|9001)(?::20\d\d)?|42001|27001|27701|GDPR|AI Act"
    r"|(?:chief )?(?:AI|information security|privacy|data protection) (?:officer|lead|manager))\b",
    re.I,
)
_WORD = lazy(r"[a-z0-9]+")


# Only shingles whose hash is a multiple of this are kept. Sampling by value, the same for
# every document, keeps the shared share an unbiased estimate while a repository with a
# thousand policies needs an eighth of the memory and time (Broder's mod-m sampling).
SAMPLE = 8


def shingles(doc, size: int) -> tuple[set[int], int]:
    """(sampled shingle hashes, number of shingles) of a document's words.

    The raw body, not the parsed text: Markdown syntax is not words, so the shingles
    barely differ, and the other policies of the repository need not be parsed. CRC-32
    rather than hash(): the same text gives the same sample in every run.
    """
    text = _DOMAIN.sub(" domain ", doc.body).lower()
    words = _WORD.findall(text)
    count = max(len(words) - size + 1, 0)
    hashes = (crc32(" ".join(words[index:index + size]).encode()) for index in range(count))
    return {value for value in hashes if value % SAMPLE == 0}, count


@rule(
    code="POL003",
    name="recycled-policy-near-duplicate",
    clause="5.2",
    types=(POLICY_TYPE,),
    classification="advisory",
    remediation="1-2 weeks",
    message=(
        "{share:.0%} of this policy's text is shared with '{other}' once domain terms (AI, data, information "
        "security, privacy, AIMS/ISMS/PIMS) are set aside: check it is an AI policy and not a renamed copy"
    ),
    summary="The AI policy is a near-duplicate of another policy of the repository with the domain words swapped.",
    scope="workspace",
    options={"threshold": 0.30, "shingle-words": 6, "min-shingles": 40},
)
def check(workspace, ctx):
    size = int(ctx.options.get("shingle-words", 6))
    threshold = float(ctx.options.get("threshold", 0.30))
    minimum = int(ctx.options.get("min-shingles", 40))
    index_of_types = workspace.index()
    linted = [relpath for relpath in workspace.targets if index_of_types.get(relpath, (None, None))[0] == POLICY_TYPE]
    if not linted:
        return  # only the AI policies being linted are judged: read no other file
    policies = workspace.relpaths_of_type(*(kind for kind in workspace.types() if kind.endswith("policy")))
    if len(policies) < 2:
        return
    # The sample of each policy is kept in the facts cache: a policy is read again only
    # when it changes, not on every save of another one.
    sets: dict[str, tuple[set[int], int]] = {}
    for relpath in policies:
        found = workspace.fact(relpath, f"pol.shingles.1.{size}", lambda doc: _sample(doc, size), ([int], int))
        if isinstance(found, list) and len(found) == 2 and isinstance(found[0], list) and isinstance(found[1], int):
            sets[relpath] = ({value for value in found[0] if isinstance(value, int)}, found[1])
    # An inverted index from shingle to policies: each policy is compared only with the
    # policies it shares text with, not with every other one.
    index: dict[int, list[str]] = {}
    for relpath, (found, _) in sets.items():
        for shingle in found:
            index.setdefault(shingle, []).append(relpath)
    for relpath in linted:
        if relpath not in sets:
            continue  # unreadable
        mine, my_count = sets[relpath]
        shared: dict[str, int] = {}
        for shingle in mine:
            for other in index.get(shingle, ()):
                if other != relpath:
                    shared[other] = shared.get(other, 0) + 1
        best = None
        for other, count in shared.items():
            theirs, their_count = sets[other]
            if min(my_count, their_count) < minimum:
                continue
            share = count / max(min(len(mine), len(theirs)), 1)
            if share >= threshold and (best is None or share > best[0]):
                best = (share, other)
        doc = workspace.document(relpath) if best else None
        if doc is not None and doc.read_error is None:
            yield Problem(*anchor_line(doc), doc=doc, share=best[0], other=best[1])


def _sample(doc, size: int) -> list:
    found, count = shingles(doc, size)
    return [sorted(found), count]
