"""What `make setup` says, in one place: its own messages, marked for the catalogs (the
questions are answers.py's KEYS). tools/practice_setup.py asks and answers in the
language chosen first, reading the theme's catalogs (theme/translations/*.po); without a
catalog for it, in English. No Pelican here.
"""


def N_(text):
    """Marks text for the catalogs; translated where setup says it."""
    return text


# The first question, before a language is chosen: in every language it offers.
SETUP_LANGUAGES = ("en", "fr", "es")
CHOOSE_LANGUAGE = ("Language of these questions / Langue des questions / Idioma de las "
                   "preguntas (en, fr, es)")
CHOOSE_AGAIN = "en, fr, es?"

INTRO = N_("Answer in plain words. Press Enter to keep the answer in [brackets]; type - "
           "to clear an optional one.")
OPTIONAL = N_("(optional)")
NEEDED = N_("This one is needed.")
YES = N_("yes")
NO = N_("no")
YES_OR_NO = N_("Please answer yes or no.")
STOPPED = N_("Setup stopped before the last question; nothing was written.")
INTERRUPTED = N_("Setup stopped; nothing was written.")
NOTHING_WRITTEN = N_("Nothing written:")
JUST_ME = N_("just me")
GROUP = N_("group")
GROUP_QUESTION = N_("Is the practice just you, or a group? (%(just_me)s / %(group)s)")
GROUP_AGAIN = N_("Please answer: %(just_me)s, or %(group)s.")
HOW_MANY = N_("How many clinicians?")
HOW_MANY_AGAIN = N_("Please give a number from 2 to 50 (a group has two or more "
                    "clinicians).")
CLINICIAN_OF = N_("Clinician %(number)s of %(count)s:")
ABOUT_YOU = N_("About you:")
WROTE = N_("Wrote %(file)s.")
WROTE_MIGRATED = N_("Wrote %(file)s in the [[clinicians]] form.")
COPIED = N_("Copied the sample pages into content/ (%(count)s files, each still marked "
            "`Sample: yes`).")
CONTENT_KEPT = N_("content/ already exists: your pages were left as they are.")
ADDED = N_("added %(file)s (marked as sample: read and edit it)")
WROTE_PROFILE = N_("wrote %(file)s (%(name)s's profile: edit the text there; the rest "
                   "comes from practice.toml)")
NO_CLINICIAN = N_("%(file)s belongs to no clinician in practice.toml, so it is not "
                  "published: delete it if they left.")
NEXT = N_("Next:\n"
          "  1. make devserver   preview your site at http://127.0.0.1:8000/ (restart it "
          "after\n"
          "                      running make setup again)\n"
          "  2. Read and edit each page in content/; delete its `Sample: yes` line when it\n"
          "     is yours. Details like {{ phone }} come from practice.toml.\n"
          "  3. make publish     checks the site and refuses anything still marked as "
          "sample.")
# A clinician's profile file without a bio: a line to replace, in the site's language.
PROFILE_TO_WRITE = N_("Write a few sentences about %(name)s here: how the work goes, whom "
                      "it helps. Then delete the `Sample: yes` line above.")
