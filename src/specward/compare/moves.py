"""Move detection: an operation removed and another added whose paths and parameters correspond
is one move, not a removal plus an addition."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from specward.compare.renames import name_similarity, tokens
from specward.model import Operation, Spec, path_params
from specward.model.spec import ParamKey

MIN_PATH_SIMILARITY = 0.75


@dataclass(frozen=True)
class Move:
    """``base`` moved to ``head``; ``moved`` maps base parameter keys to head parameter keys."""

    base: Operation
    head: Operation
    moved: tuple[tuple[ParamKey, ParamKey], ...]
    score: float

    @property
    def moved_parameter(self) -> str | None:
        return self.moved[0][0][1] if self.moved else None


def path_words(path: str) -> list[str]:
    """Literal words of a path template (parameters dropped, plurals folded)."""
    out: list[str] = []
    for segment in path.split("/"):
        if not segment or segment.startswith("{"):
            continue
        out.extend(tokens(segment))
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
    candidates = {k: p for k, p in base.parameters.items() if p.location != "path"}
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
    same_id = base.operation_id is not None and base.operation_id == head.operation_id
    words_b, words_h = path_words(base.path), path_words(head.path)
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


def pair_moves(
    base_spec: Spec, head_spec: Spec, removed: list[Operation], added: list[Operation]
) -> list[Move]:
    """Best-first one-to-one pairing of removed and added operations that are moves."""
    candidates = []
    for i, b in enumerate(removed):
        for j, h in enumerate(added):
            move = move_score(base_spec, head_spec, b, h)
            if move is not None:
                candidates.append((-move.score, i, j, move))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    used_b: set[int] = set()
    used_h: set[int] = set()
    out = []
    for _, i, j, move in candidates:
        if i in used_b or j in used_h:
            continue
        used_b.add(i)
        used_h.add(j)
        out.append(move)
    return out
