"""What goes in each part of the plan: short guidance and examples, in our own words.

The headings follow the Safety Planning Intervention (Stanley & Brown), which is cited in
About; the official form's wording is copyrighted, so none of it is reused here. The
examples are deliberately ordinary and varied, so that a person can see the *kind* of
thing that belongs in a section without feeling told what to write.

Plain data, no widgets: the plan editor lays it out, and tests can read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from crisisplan.core.model import SECTION_TITLES, Section


@dataclass(frozen=True, slots=True)
class Guidance:
    """The words around one part of the plan.

    Attributes:
        title: the heading (the section's title from the model, so print-outs match).
        about: one or two sentences on what belongs here.
        examples: two or three short examples.
        noun: one item, for undo steps and messages ("warning sign" → "Delete warning
            sign").
        placeholder: the hint in the empty "add" field.
    """

    title: str
    about: str
    examples: tuple[str, ...]
    noun: str
    placeholder: str


LIST_GUIDANCE: dict[Section, Guidance] = {
    Section.WARNING_SIGNS: Guidance(
        title=SECTION_TITLES[Section.WARNING_SIGNS],
        about=(
            "The first signs that things are getting harder for you: a thought that keeps "
            "coming back, a feeling, a situation, or something you start or stop doing. "
            "Noticing them early is your cue to turn to the rest of this plan."
        ),
        examples=(
            "I stop replying to messages",
            "Sleeping in the day and lying awake at night",
            "Thinking that nothing will ever change",
        ),
        noun="warning sign",
        placeholder="Add a warning sign…",
    ),
    Section.COPING_STRATEGIES: Guidance(
        title=SECTION_TITLES[Section.COPING_STRATEGIES],
        about=(
            "Things you can do by yourself to get through a hard moment or take the edge off "
            "it, without needing anyone else. Small and easy to start is better than "
            "ambitious."
        ),
        examples=(
            "Splash cold water on my face",
            "Walk to the end of the road and back",
            "Play one song loud and sing along",
        ),
        noun="thing to do on my own",
        placeholder="Add something you can do on your own…",
    ),
    Section.DISTRACTIONS: Guidance(
        title=SECTION_TITLES[Section.DISTRACTIONS],
        about=(
            "Places you can go, and people you can be around, that pull your attention "
            "somewhere else. You don't have to talk about how you feel with them."
        ),
        examples=(
            "The bench by the pond in the park",
            "Watching the match at my brother's",
            "Browsing the second-hand bookshop",
        ),
        noun="person or place",
        placeholder="Add a person or place…",
    ),
    Section.MAKING_SAFE: Guidance(
        title=SECTION_TITLES[Section.MAKING_SAFE],
        about=(
            "Ways to put time and distance between you and anything you could use to hurt "
            "yourself, especially on bad days. It can help to plan this with someone you "
            "trust."
        ),
        examples=(
            "Ask the pharmacy to give me one week of medicine at a time",
            "Let my friend look after the things I worry about",
            "On bad nights, stay where other people are around",
        ),
        noun="step to make things safer",
        placeholder="Add a way to make your surroundings safer…",
    ),
    Section.REASONS_FOR_LIVING: Guidance(
        title=SECTION_TITLES[Section.REASONS_FOR_LIVING],
        about=(
            "What matters to you and keeps you going: people, animals, hopes, plans, beliefs. "
            "Put the most important one first; it is shown first when you are struggling."
        ),
        examples=(
            "My children",
            "Finishing my course next summer",
            "My cat, who waits for me by the door",
        ),
        noun="reason for living",
        placeholder="Add a reason for living…",
    ),
    Section.HELPS: Guidance(
        title=SECTION_TITLES[Section.HELPS],
        about=(
            "For the people around you: what they can do or say that makes things easier "
            "when you are in a bad way."
        ),
        examples=(
            "Stay with me, even if I'm quiet",
            "Make me a hot drink and sit down",
            "Remind me that I've got through this before",
        ),
        noun="thing that helps",
        placeholder="Add something that helps…",
    ),
    Section.DOES_NOT_HELP: Guidance(
        title=SECTION_TITLES[Section.DOES_NOT_HELP],
        about=("For the people around you: what makes things worse, even when it is meant kindly."),
        examples=(
            "Telling me other people have it worse",
            "Raised voices",
            "Leaving without saying when you'll be back",
        ),
        noun="thing that does not help",
        placeholder="Add something that does not help…",
    ),
    Section.DO_NOT_CONTACT: Guidance(
        title=SECTION_TITLES[Section.DO_NOT_CONTACT],
        about=(
            "Anyone you do not want called or told about you, for whatever reason. Helpers "
            "and professionals who read your plan will see this list."
        ),
        examples=(
            "My father",
            "Anyone from my old job",
        ),
        noun="person not to contact",
        placeholder="Add someone who should not be contacted…",
    ),
}

SUPPORT_STEPS_TITLE = "People who can help, and professionals"
SUPPORT_STEPS_ABOUT = (
    "Steps 4 and 5 of the plan are the people you can ask for help, and the professionals "
    "and services you can contact. They are kept in the “My people” tab, with their "
    "numbers and when they can be reached, so that “I'm struggling” can show who is "
    "available right now."
)

MEDICAL_NOTES_TITLE = "Medical notes"
MEDICAL_NOTES_ABOUT = (
    "Optional. Medication and doses, allergies, and anything a doctor or paramedic should "
    "know. Changes are kept as you type."
)
MEDICAL_NOTES_EXAMPLES: tuple[str, ...] = (
    "Fluoxetine 20 mg each morning",
    "Allergic to latex",
    "Asthma: blue inhaler in my bag",
)

REVIEW_TITLE = "Reviewed on"
REVIEW_ABOUT = (
    "Look over your plan every few months, after a difficult time, or when something "
    "changes, and check that names and numbers are still right. Mark it reviewed when "
    "you have."
)
