"""Questionnaire definitions (versioned JSON data) and answer validation. Plain Python.

A definition lists topics, questions (id, topic, weight, type, options or scale), flag rules
and the exposure rule. Answers are a dict {question id: value}; a missing key means
"not answered". Old answers stay readable because every assessment keeps the version of the
definition it was answered with.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

QUESTIONNAIRE_DIR = Path(__file__).resolve().parent / "questionnaires"
TYPES = {"choice", "scale", "text", "yesno"}


class DefinitionError(ValueError):
    pass


class AnswerError(ValueError):
    def __init__(self, question_id: str, message: str):
        super().__init__(message)
        self.question_id = question_id
        self.message = message


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    need: int | None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Question:
    id: str
    topic: str | None
    text: str
    type: str
    weight: float
    options: tuple[Option, ...] = ()
    scale: dict | None = None

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def need_for(self, value) -> int | None:
        """Need contribution (0–100) of an answer, or None when it carries no need."""
        if value is None or value == "":
            return None
        if self.type in {"choice", "yesno"}:
            opt = self.option(value)
            return opt.need if opt else None
        if self.type == "scale":
            s = self.scale
            span = s["max"] - s["min"]
            pos = (int(value) - s["min"]) / span
            return round(s["need_at_min"] + (s["need_at_max"] - s["need_at_min"]) * pos)
        return None

    def label_for(self, value) -> str:
        if self.type in {"choice", "yesno"}:
            opt = self.option(value)
            return opt.label if opt else str(value)
        return str(value)


@dataclass(frozen=True)
class Topic:
    id: str
    title: str


@dataclass(frozen=True)
class Definition:
    slug: str
    version: int
    title: str
    intro: str
    topics: tuple[Topic, ...]
    questions: tuple[Question, ...]
    flags: tuple[dict, ...]
    exposure: dict

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)

    def questions_for(self, topic_id: str | None) -> list[Question]:
        return [q for q in self.questions if q.topic == topic_id]

    @property
    def pages(self) -> list[tuple[str | None, str]]:
        """Pages of the form: one per topic, then the open questions."""
        pages = [(t.id, t.title) for t in self.topics]
        if self.questions_for(None):
            pages.append((None, "Abschluss"))
        return pages

    def topic_title(self, topic_id: str) -> str:
        return next((t.title for t in self.topics if t.id == topic_id), topic_id)


def parse_definition(data: dict) -> Definition:
    try:
        topics = tuple(Topic(t["id"], t["title"]) for t in data["topics"])
        topic_ids = {t.id for t in topics}
        questions = []
        seen = set()
        for q in data["questions"]:
            if q["id"] in seen:
                raise DefinitionError(f"Frage {q['id']} ist doppelt.")
            seen.add(q["id"])
            if q["type"] not in TYPES:
                raise DefinitionError(f"Frage {q['id']}: unbekannter Typ {q['type']}.")
            if q["topic"] is not None and q["topic"] not in topic_ids:
                raise DefinitionError(f"Frage {q['id']}: unbekanntes Thema {q['topic']}.")
            options = tuple(
                Option(
                    o["value"],
                    o["label"],
                    o.get("need"),
                    {k: v for k, v in o.items() if k not in {"value", "label", "need"}},
                )
                for o in q.get("options", ())
            )
            if q["type"] == "choice" and not options:
                raise DefinitionError(f"Frage {q['id']}: Auswahlfrage ohne Optionen.")
            questions.append(
                Question(
                    id=q["id"],
                    topic=q["topic"],
                    text=q["text"],
                    type=q["type"],
                    weight=float(q.get("weight", 1)),
                    options=options,
                    scale=q.get("scale"),
                )
            )
        for rule in data.get("flags", []):
            for qid in _questions_in_condition(rule["when"]):
                if qid not in seen:
                    raise DefinitionError(f"Regel {rule['id']}: unbekannte Frage {qid}.")
        return Definition(
            slug=data["slug"],
            version=int(data["version"]),
            title=data["title"],
            intro=data.get("intro", ""),
            topics=topics,
            questions=tuple(questions),
            flags=tuple(data.get("flags", [])),
            exposure=data.get("exposure", {}),
        )
    except KeyError as exc:
        raise DefinitionError(f"Pflichtangabe fehlt: {exc}") from exc


def _questions_in_condition(cond: dict) -> list[str]:
    if "all" in cond:
        return [q for c in cond["all"] for q in _questions_in_condition(c)]
    if "any" in cond:
        return [q for c in cond["any"] for q in _questions_in_condition(c)]
    return [cond["q"]]


def load_file(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def bundled_definitions() -> list[dict]:
    """All questionnaire files shipped with the code, sorted by slug and version."""
    data = [load_file(p) for p in sorted(QUESTIONNAIRE_DIR.glob("*.json"))]
    return sorted(data, key=lambda d: (d["slug"], d["version"]))


def clean_answer(question: Question, raw) -> str | int | None:
    """Validate one raw answer (from a form). Returns the stored value or None (empty)."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None
    if question.type in {"choice", "yesno"}:
        if question.option(str(raw)) is None:
            raise AnswerError(question.id, "Bitte wählen Sie eine der angebotenen Antworten.")
        return str(raw)
    if question.type == "scale":
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise AnswerError(question.id, "Bitte wählen Sie einen Wert der Skala.") from None
        if not question.scale["min"] <= value <= question.scale["max"]:
            raise AnswerError(
                question.id,
                f"Der Wert muss zwischen {question.scale['min']} und "
                f"{question.scale['max']} liegen.",
            )
        return value
    text = str(raw).strip()
    if len(text) > 2000:
        raise AnswerError(question.id, "Bitte höchstens 2000 Zeichen.")
    return text
