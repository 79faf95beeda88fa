"""From answers to needs, exposure and flags. Plain Python, no Django imports.

- Need level per topic (0–100): weighted mean of the need contributions of the answered
  questions of that topic. A topic without scored answers has no need level (None): we
  never invent a need the firm did not state.
- Causes: the answers of the topic with a contribution of 50 or more, highest first.
- Exposure (0–100) to the drive-train change: a base value from the branch group, moved
  towards the firm's own answer on the turnover share with combustion-engine parts.
- Flags: rules from the questionnaire definition (red = acute risk, yellow = watch).
"""

from dataclasses import dataclass, field

from .questionnaire import Definition

CAUSE_THRESHOLD = 50


@dataclass(frozen=True)
class Cause:
    question_id: str
    question: str
    answer: str
    need: int


@dataclass(frozen=True)
class TopicNeed:
    topic: str
    title: str
    level: int
    answered: int
    causes: tuple[Cause, ...] = ()


@dataclass(frozen=True)
class Exposure:
    level: int
    reason: str


@dataclass(frozen=True)
class FlagHit:
    rule_id: str
    level: str
    title: str
    evidence: str
    follow_up: str
    due_days: int


@dataclass
class Result:
    needs: list[TopicNeed] = field(default_factory=list)
    exposure: Exposure | None = None
    flags: list[FlagHit] = field(default_factory=list)
    answered: int = 0
    total: int = 0


def topic_needs(definition: Definition, answers: dict) -> list[TopicNeed]:
    needs = []
    for topic in definition.topics:
        weighted, weights, causes, answered = 0.0, 0.0, [], 0
        for q in definition.questions_for(topic.id):
            value = answers.get(q.id)
            contribution = q.need_for(value)
            if value not in (None, ""):
                answered += 1
            if contribution is None or q.weight <= 0:
                continue
            weighted += contribution * q.weight
            weights += q.weight
            if contribution >= CAUSE_THRESHOLD:
                causes.append(Cause(q.id, q.text, q.label_for(value), contribution))
        if weights == 0:
            continue
        causes.sort(key=lambda c: -c.need)
        needs.append(
            TopicNeed(topic.id, topic.title, round(weighted / weights), answered, tuple(causes))
        )
    return needs


def exposure(definition: Definition, answers: dict, branch_group: str) -> Exposure:
    rule = definition.exposure
    base = rule.get("branch_base", {}).get(branch_group, 0)
    qid = rule.get("question")
    if qid:
        q = definition.question(qid)
        opt = q.option(answers.get(qid)) if answers.get(qid) else None
        percent = opt.extra.get("percent") if opt else None
        if percent is not None:
            w = float(rule.get("answer_weight", 0.7))
            # The stated share dominates; 100 % dependence maps to full exposure.
            own = min(100, round(percent * 100 / 80))
            level = round(w * own + (1 - w) * base)
            return Exposure(
                level,
                f"Branchengruppe (Basis {base}) und Angabe „{opt.label}“ zum Umsatzanteil "
                f"mit Verbrennerteilen.",
            )
    return Exposure(base, f"Nur aus der Branchengruppe geschätzt (Basis {base}).")


def _holds(cond: dict, answers: dict) -> bool:
    if "all" in cond:
        return all(_holds(c, answers) for c in cond["all"])
    if "any" in cond:
        return any(_holds(c, answers) for c in cond["any"])
    value = answers.get(cond["q"])
    if value is None:
        return False
    if "eq" in cond:
        return value == cond["eq"]
    if "in" in cond:
        return value in cond["in"]
    if "gte" in cond:
        return isinstance(value, int | float) and value >= cond["gte"]
    if "lte" in cond:
        return isinstance(value, int | float) and value <= cond["lte"]
    raise ValueError(f"unknown condition {cond}")


def _evidence(cond: dict, definition: Definition, answers: dict) -> list[str]:
    if "all" in cond or "any" in cond:
        return [
            e
            for c in cond.get("all", cond.get("any", []))
            for e in _evidence(c, definition, answers)
        ]
    q = definition.question(cond["q"])
    return [f"{q.text} – {q.label_for(answers.get(q.id))}"]


def flags(definition: Definition, answers: dict) -> list[FlagHit]:
    hits = []
    for rule in definition.flags:
        if _holds(rule["when"], answers):
            hits.append(
                FlagHit(
                    rule_id=rule["id"],
                    level=rule["level"],
                    title=rule["title"],
                    evidence="; ".join(_evidence(rule["when"], definition, answers)),
                    follow_up=rule.get("follow_up", ""),
                    due_days=int(rule.get("due_days", 7)),
                )
            )
    hits.sort(key=lambda h: (h.level != "red", h.rule_id))
    return hits


def evaluate(definition: Definition, answers: dict, branch_group: str) -> Result:
    scored = [q for q in definition.questions if q.type != "text"]
    return Result(
        needs=topic_needs(definition, answers),
        exposure=exposure(definition, answers, branch_group),
        flags=flags(definition, answers),
        answered=sum(1 for q in scored if answers.get(q.id) not in (None, "")),
        total=len(scored),
    )


def describe_condition(cond: dict, definition: Definition) -> str:
    """A flag rule's condition in words, e.g. for the rules overview."""
    if "all" in cond:
        return " und ".join(describe_condition(c, definition) for c in cond["all"])
    if "any" in cond:
        return " oder ".join(describe_condition(c, definition) for c in cond["any"])
    q = definition.question(cond["q"])
    if "eq" in cond:
        answer = f"„{q.label_for(cond['eq'])}“"
    elif "in" in cond:
        answer = " / ".join(f"„{q.label_for(v)}“" for v in cond["in"])
    elif "gte" in cond:
        answer = f"mindestens {cond['gte']}"
    else:
        answer = f"höchstens {cond['lte']}"
    return f"{q.text} → {answer}"
