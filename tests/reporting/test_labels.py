"""Labels and names as a coordinator reads them."""

from __future__ import annotations

from reporting.labels import RuleNames, label, with_names


def test_ids_in_a_message_become_names_with_rows():
    names = {"R0027": "Youssef Groen", "R0040": "Bart Verhoeven"}
    text = "R0027 can reach only R0040; R9999 is unknown"
    assert with_names(text, names) == (
        "Youssef Groen (row 27) can reach only Bart Verhoeven (row 40); R9999 is unknown"
    )
    assert with_names("R0027", names, "nl") == "Youssef Groen (rij 27)"


def test_rule_names_cover_sub_keys_and_core_keys():
    """A rule's parts each have a name of their own: two rows of one score table never read
    alike ("Halers en brengers" twice), and the part is in the coordinator's language."""
    assert RuleNames("en")["learn_give_mix:give"] == "Learners and givers (a giver)"
    assert RuleNames("nl")["learn_give_mix:learn"] == "Halers en brengers (een haler)"
    assert RuleNames("nl")["learn_give_mix"] == "Halers en brengers"
    assert RuleNames("nl")["group_sizes"] == "Groepsgrootte"
    assert RuleNames("en")["no_such_rule"] == "no_such_rule"


def test_labels_fall_back_to_english_and_format_values():
    assert label("group_sheet", "nl", n=3) == "Groep 3"
    assert label("unknown_key", "nl") == "unknown_key"
