"""CX218."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Metric
from .registry import Finding, RuleContext, WorkspaceRule


class IndexComponents(WorkspaceRule):
    """An index lists its `components`, each another metric, once, without coming back
    to itself; only a metric of `type: index` has components.

    **Why**: an index is the weighted mean of its criteria: without components it has no
    value, a component that is the index itself (directly or through another index) has
    none either, a criterion listed twice counts twice, and components on another type
    are ignored while the reader believes they count. A cycle is reported once, at its
    first metric by id.

    **Fails**:

    ```yaml
    kind: metric
    id: service-index
    name: Service index
    type: index
    owner: clerk
    target: 80
    components:
      - {metric: csat, weight: 2}
      - {metric: service-index}
    ```

    **Fixed**:

    ```yaml
    kind: metric
    id: service-index
    name: Service index
    type: index
    owner: clerk
    target: 80
    components:
      - {metric: csat, weight: 2}
    ```
    """

    code = "CX218"
    name = "metric.index-components"
    default_severity = Severity.ERROR

    @override
    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        metrics = {metric.id: metric for metric, _ in ctx.index.entities(Metric)}
        for metric in metrics.values():
            yield from _own_components(metric)
        yield from _cycles(metrics)


def _own_components(metric: Metric) -> Iterator[Finding]:
    if metric.type != "index":
        if metric.components:
            yield Finding(
                metric,
                f"metric '{metric.id}' of type {metric.type} has components: only an index "
                "is computed from them",
                "remove components:, or make it type: index",
                at=("components",),
            )
        return
    if not metric.components:
        yield Finding(
            metric,
            f"index '{metric.id}' has no components",
            "list its criteria: components: [{metric: <id>, weight: 1}, ...]",
            at=("type",),
        )
    seen: set[str] = set()
    for i, component in enumerate(metric.components):
        if component.metric == metric.id:
            yield Finding(
                metric,
                f"index '{metric.id}' lists itself as a component",
                "an index is the mean of other metrics",
                at=("components", i, "metric"),
            )
        elif component.metric in seen:
            yield Finding(
                metric,
                f"index '{metric.id}' lists component '{component.metric}' twice",
                "list it once, with its weight",
                at=("components", i, "metric"),
            )
        seen.add(component.metric)


def _parts(metric: Metric) -> list[str]:
    """The other metrics an index is computed from (none for another type)."""
    if metric.type != "index":
        return []
    return [c.metric for c in metric.components if c.metric != metric.id]


def _cycles(metrics: dict[str, Metric]) -> Iterator[Finding]:
    """Cycles of two or more indexes (a self-reference is reported with the components)."""
    reported: set[str] = set()
    for cycle in _back_edges(metrics):
        if reported.intersection(cycle):
            continue
        reported.update(cycle)
        first = min(cycle)
        at = cycle.index(first)
        loop = [*cycle[at:], *cycle[:at], first]
        index = metrics[first]
        position = next(i for i, c in enumerate(index.components) if c.metric == loop[1])
        yield Finding(
            index,
            f"indexes are computed from each other: {' → '.join(loop)}",
            "an index's components must lead to metrics that are measured",
            at=("components", position, "metric"),
        )


def _back_edges(metrics: dict[str, Metric]) -> Iterator[list[str]]:
    """Each cycle a depth-first walk over components closes, as the ids along it (without
    recursion: a hostile model may chain thousands of indexes)."""
    state: dict[str, bool] = {}  # True while on the path, False once done
    for root in sorted(metrics):
        if root in state:
            continue
        path = [root]
        state[root] = True
        stack = [iter(_parts(metrics[root]))]
        while stack:
            following = next(stack[-1], None)
            if following is None:
                stack.pop()
                state[path.pop()] = False
            elif following in metrics and state.get(following) is True:
                yield path[path.index(following) :]
            elif following in metrics and following not in state:
                path.append(following)
                state[following] = True
                stack.append(iter(_parts(metrics[following])))
