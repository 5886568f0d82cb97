"""A plan written in nine scripts, for the printing benchmark (benchmarks/bench_pdf.py).

People and items in Latin, Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai, Chinese and
Korean — the plan of a person whose own words (and whose people's names) are not in
Latin letters, so every shipped face is loaded, shaped and subset.
"""

from __future__ import annotations

from crisisplan.core.model import (
    Contact,
    ContactMethod,
    Group,
    MethodKind,
    Plan,
    PlanDocument,
    Section,
)

PEOPLE = (
    ("Zoë Łukasz", "Friend"),
    ("Ελένη Παπαδοπούλου", "Αδελφή"),
    ("Дмитрий Иванов", "Друг"),
    ("שרה כהן", "חברה"),
    ("محمد العلي", "أخي"),
    ("राम शर्मा", "मित्र"),
    ("สมชาย ใจดี", "เพื่อน"),
    ("李雷", "朋友"),
    ("김민준", "친구"),
)

SECTIONS = {
    Section.WARNING_SIGNS: (
        "Not sleeping, skipping meals",
        "Δεν θέλω να μιλήσω σε κανέναν",
        "Не выхожу из дома",
        "أشعر بالتعب طوال الوقت",
        "我不想见任何人",
    ),
    Section.COPING_STRATEGIES: (
        "कुछ देर टहलना",
        "ฟังเพลงเบาๆ",
        "散步十分钟",
        "산책하기",
        "לשתות תה חם",
    ),
    Section.DISTRACTIONS: ("Κήπος της γειτονιάς", "Городская библиотека", "المقهى في الزاوية"),
    Section.MAKING_SAFE: ("把药交给李雷保管", "약은 친구에게 맡기기"),
    Section.REASONS_FOR_LIVING: ("عائلتي", "मेरी बेटी", "我的猫", "ครอบครัวของฉัน", "Моя сестра"),
}


def nine_scripts(region: str = "GB") -> PlanDocument:
    contacts = tuple(
        Contact(
            name=name,
            role=role,
            group=Group.FRIEND if index % 3 else Group.FAMILY,
            on_card=True,
            always_available=True,
            methods=(ContactMethod(MethodKind.PHONE, f"+44 7700 9000{index:02d}"),),
        )
        for index, (name, role) in enumerate(PEOPLE)
    )
    return PlanDocument(region=region, plan=Plan(sections=dict(SECTIONS)), contacts=contacts)
