"""Move detection: an operation removed and another added whose paths and parameters correspond
is one move, not a removal plus an addition."""

from __future__ import annotations

from dataclasses import dataclass, replace

from specward.compare.matcher import THRESHOLD, Evidence, Signals, match, same_text
from specward.compare.renames import name_similarity, tokens
from specward.model import Operation, Spec, path_params
from specward.model.spec import ParamKey

MIN_PATH_SIMILARITY = 0.75
NO_EVIDENCE = Evidence(())


@dataclass(frozen=True)
class Move:
    """``base`` moved to ``head``; ``moved`` maps base parameter keys to head parameter keys."""

    base: Operation
    head: Operation
    moved: tuple[tuple[ParamKey, ParamKey], ...]
    score: float
    evidence: Evidence = NO_EVIDENCE

    @property
    def moved_parameter(self) -> str | None:
        return self.moved[0][0][1] if self.moved else None


def path_words(path: str) -> list[str]:
    """Literal words of a path template (parameters dropped, plurals folded)."""
    out: list[str] = []
    for segment in path.split("/"):
        for part in segment.split(":"):  # custom methods: ``{id}:cancel`` is the word cancel
            if part and not part.startswith("{"):
                out.extend(tokens(part))
    return out


def _words_kept(old: list[str], new: list[str]) -> bool:
    """Every word of the old path is in the new one, or renamed to a similar word
    (``/things/{id}/foo`` to ``/things/{id}/bar`` is not a move)."""
    left = list(new)
    for word in old:
        if word in left:
            left.remove(word)
            continue
        similar = [w for w in left if name_similarity(word, w) >= 0.7]
        if not similar:
            return False
        left.remove(similar[0])
    return True


def _body_signature(spec: Spec, op: Operation) -> tuple[str, ...]:
    body = op.request_body
    if body is None:
        return ()
    return tuple(
        sorted(
            (mt.schema.ref_name or "inline") if mt.schema is not None else "none"
            for mt in body.content.values()
        )
    )


def _success_signature(op: Operation) -> tuple[str, ...]:
    out = []
    for status, response in op.responses.items():
        if status.startswith("2"):
            for mt in response.content.values():
                out.append((mt.schema.ref_name or "inline") if mt.schema is not None else "none")
    return tuple(sorted(set(out)))


def _moved_parameters(
    base: Operation, head: Operation
) -> tuple[tuple[ParamKey, ParamKey], ...] | None:
    """Base parameters that became head path parameters; None when a head path parameter has no
    source (then this is not a move). The reverse, path parameters that became query or header
    parameters, is found the same way with the sides swapped."""
    base_path = path_params(base.path)
    head_path = path_params(head.path)
    if len(head_path) < len(base_path):
        flipped = _moved_parameters(head, base)
        return None if flipped is None else tuple((b, h) for h, b in flipped)
    moved = []
    extra = (
        head_path[len(base_path) :]
        if head_path[: len(base_path)] == base_path
        else [n for n in head_path if n not in base_path]
    )
    if len(head_path) - len(extra) < len(base_path):
        extra = head_path[len(base_path) :]
    declared = set(base_path)
    candidates = {  # query, header or cookie, or a path declaration the template lacks
        k: p for k, p in base.parameters.items() if p.location != "path" or p.name not in declared
    }
    for name in extra:
        best = None
        for key, param in candidates.items():
            score = 1.0 if param.name == name else name_similarity(param.name, name)
            if score >= 0.7 and (best is None or score > best[0]):
                best = (score, key)
        if best is None:
            return None
        moved.append((best[1], ("path", name)))
        candidates.pop(best[1])
    return tuple(moved)


def move_score(base_spec: Spec, head_spec: Spec, base: Operation, head: Operation) -> Move | None:
    """A :class:`Move` when ``base`` and ``head`` are the same operation at another path."""
    moved = _moved_parameters(base, head)
    if moved is None:
        return None
    move = _gated_move(base_spec, head_spec, base, head, moved)
    if move is None:
        return None
    evidence = move_evidence(base_spec, head_spec, base, head)
    return replace(move, evidence=evidence) if evidence.score >= THRESHOLD else None


def _gated_move(
    base_spec: Spec,
    head_spec: Spec,
    base: Operation,
    head: Operation,
    moved: tuple[tuple[ParamKey, ParamKey], ...],
) -> Move | None:
    """The structural conditions of a move (kept words, bodies, responses), ranked."""
    same_id = base.operation_id is not None and base.operation_id == head.operation_id
    words_b, words_h = path_words(base.path), path_words(head.path)
    from difflib import SequenceMatcher  # on first use: most runs never compare names

    ratio = SequenceMatcher(None, words_b, words_h, autojunk=False).ratio()
    if base.method != head.method:
        return _method_move(base_spec, head_spec, base, head, moved, same_id, words_b == words_h)
    if same_id:
        return Move(base, head, moved, 2.0 + ratio)
    if ratio < MIN_PATH_SIMILARITY or not _words_kept(path_words(base.path), path_words(head.path)):
        return None
    if _body_signature(base_spec, base) != _body_signature(head_spec, head):
        return None
    sb, sh = _success_signature(base), _success_signature(head)
    if sb and sh and not set(sb) & set(sh):
        return None
    return Move(base, head, moved, ratio)


def _method_move(
    base_spec: Spec,
    head_spec: Spec,
    base: Operation,
    head: Operation,
    moved: tuple[tuple[ParamKey, ParamKey], ...],
    same_id: bool,
    same_words: bool,
) -> Move | None:
    """A move that also changes the method needs a strong correspondence: the same path words
    and the same operationId, or the same request body and the same (non-empty) success
    response. It ranks below every same-method move."""
    if not same_words:
        return None
    if same_id:
        return Move(base, head, moved, 0.5)
    success = _success_signature(base)
    if (
        success
        and "inline" not in success
        and success == _success_signature(head)
        and _body_signature(base_spec, base) == _body_signature(head_spec, head)
    ):
        return Move(base, head, moved, 0.4)
    return None


def _parameter_names(op: Operation) -> set[str]:
    return {p.name.replace("-", "_").lower() for p in op.parameters.values()}


def operation_stem(operation_id: str | None) -> str:
    """An operationId without the method and path FastAPI-style generators append:
    ``get_job_status_v1alpha_post_training_job_status_get`` is ``get_job_status``."""
    if not operation_id:
        return ""
    head, sep, _ = operation_id.partition("_v1")
    return head if sep else operation_id


def move_evidence(base_spec: Spec, head_spec: Spec, base: Operation, head: Operation) -> Evidence:
    """The signals that say ``base`` and ``head`` are one operation: method, path words,
    operationId (or its stem), summary and description, body and response refs, and the same
    parameter names in any location."""
    sig = Signals()
    sig.add("method", 0.2, base.method == head.method)
    words_b, words_h = path_words(base.path), path_words(head.path)
    from difflib import SequenceMatcher  # on first use: most runs never compare names

    ratio = SequenceMatcher(None, words_b, words_h, autojunk=False).ratio()
    sig.add("path-words", round(0.6 * ratio, 3))
    if base.operation_id and base.operation_id == head.operation_id:
        sig.add("operationId", 1.0)
    else:
        stem_b, stem_h = operation_stem(base.operation_id), operation_stem(head.operation_id)
        sig.add("operationId-stem", 0.3, bool(stem_b) and name_similarity(stem_b, stem_h) >= 0.9)
    sig.add(
        "texts",
        0.3,
        same_text(base.summary, head.summary) or same_text(base.description, head.description),
    )
    body = _body_signature(base_spec, base)
    sig.add("request-body", 0.15, bool(body) and body == _body_signature(head_spec, head))
    success = set(_success_signature(base)) - {"inline", "none"}
    sig.add("responses", 0.15, bool(success & set(_success_signature(head))))
    names = _parameter_names(base)
    sig.add("parameters", 0.1, bool(names) and names == _parameter_names(head))
    return sig.evidence()


def pair_moves(
    base_spec: Spec, head_spec: Spec, removed: list[Operation], added: list[Operation]
) -> list[Move]:
    """One-to-one pairing of removed and added operations that are moves, maximizing the total
    score (the structural rank first, then the evidence)."""
    found: dict[tuple[int, int], Move] = {}

    def score(i: int, b: Operation, j: int, h: Operation) -> Evidence | None:
        move = move_score(base_spec, head_spec, b, h)
        if move is None:
            return None
        found[(i, j)] = move
        return Evidence(((f"rank {move.score:.2f}", move.score), *move.evidence.signals))

    result = match(dict(enumerate(removed)), dict(enumerate(added)), score)
    return [found[(m.old, m.new)] for m in result.pairs]
