"""The chapter's wording in English: the keys of ``labels.LABELS["nl"]``, each said as an English report
says it (a key missing here shows the Dutch label marked "[nl]")."""
from __future__ import annotations

EN = {
    "method": "Method", "themes": "Themes", "definition": "Definition", "quotes": "Quotes",
    "facets": "What the regions mention", "contrasts": "Differences between regions", "figures": "Overview",
    "appendix": "Appendix: quote table", "memos": "Appendix: coders' memos",
    "codebook": "Appendix: codebook definitions",
    "m_appendices": " The appendices hold {parts}.", "m_appendix_defs": "the codes' definitions ({title})",
    "m_appendix_starred": "the other quotes the researchers chose ({title})",
    "m_appendix_all": "the other coded passages ({title})",
    "quotes_coded": "coded", "quotes_starred": "starred",
    "quotes_part": " (only the interviews {cond})", "quotes_chosen": " (only the {n} interviews chosen)",
    "quotes_chosen_one": " (only the one interview chosen)",
    "quotes_intro": "All {n} {which} passages{part}, each once, anonymised and credited to the speaker's role; the "
                    "chapter chooses a few of them. A ‘…’ marks where a quote starts or ends in the middle of a "
                    "sentence.", "quotes_inside": " {k} more lie inside a longer passage under the same heading "
                    "and are read in it.",
                    "quotes_unnamed_role": "‘An interviewee’: the speaker's role speaks in fewer than three of "
                                           "these interviews.",
                    "quotes_unnamed_group": "‘An interviewee’: the quote names a region type there are fewer than "
                                            "three of.",
                    "quotes_places": {"text": "In the chapter: quoted in the text.",
                                      # (the English chapter retells none: the Dutch one does, and the
                                      # English appendix leaves those out, or side by side they tie it to a role)
                                      "example": "Not in the chapter: the Dutch chapter retells it as an example, "
                                                 "and beside a role here the two would point to its speaker.",
                                      "appendix": "In the chapter: in the appendix.",
                                      "context": "Not in the chapter: cannot be understood without the sentence "
                                                 "before it.",
                                      "repeat": "Not in the chapter: repeats a quote of the text from the same "
                                                "interview.",
                                      "question": "Not in the chapter: only the interviewer speaks.",
                                      "left": "Not in the chapter: the point it belongs to is left out.",
                                      "none": "Not in the chapter."},
                    "quotes_none": "There are no {which} passages with this code{part} (yet).",
                    "quotes_also": "Also coded as {codes}; a pointer to this quote stands there.",
                    "quotes_see": "Also coded with this code, and listed under ‘{heading}’: "
                                  "“{opening} …” {by}.",
                    "quotes_inside_one": " One more lies inside a longer passage under the "
                    "same heading and is read in it.",
    "codebook_intro": "The definitions are given in Dutch, as the coders applied them; each code's name is "
                      "its English label.",
    "title": "The steering groups in their own words",
    "left_out": "Left out are {parts}.", "left_out_one": "Left out are {parts}.", "plural_s": "s",
    "left_lost": "remarks that cannot be understood without the sentence before them",
    "left_lost_verb": ("", ""),
    "left_same": "remarks that repeat what the text or an earlier row of this table already says",
    "left_same_starred": "remarks that repeat what the text already quotes from the same interview",
    "left_same_starred_verb": ("", ""),
    "theme_general": "General",
    "left_same_verb": ("", ""),
    "theme_remarks": "Other remarks",
    "table_small": "The table has no column for {groups}: groups of fewer than {n} interviews are too small "
                   "to compare and can point to one region; they are counted under ‘{col}’.",
    "table_small_ref": "Small groups count only under ‘{col}’ (see the note to table {n}).",
    "m_no_table": " There are no tables by {attr}, as every group has fewer than {n} interviews: {groups}. "
                  "That is too few to compare, and such a small group can point to one region.",
    "table_groups": "Table {n}. {title}: topics by {attr} (share in words, with the number of regions).",
    "table_plain": "Table {n}. {title}: topics (share in words, with the number of regions).",
    "with_counts": ", with the number of regions",
    "table_flat": "Table {n}. {title} by {attr} (share in words, with the number of regions).", "col_theme": "Theme",
    "col_subcode": "Topic", "col_all": "all regions", "col_wording": "frequency",
    "theme_all": "This theme comes up in all regions.",
    "theme_some": "This theme comes up {phrase}{count}.",
    "theme_none": "This theme comes up in none of the regions.",
    "point": "This comes up {phrase}.",
    "point_all": "This comes up in all regions.",
    "point_again": "As said above, this comes up {phrase}.",
    "concept": "Draft: generated automatically from the codings; not yet reviewed by a researcher.",
    "outdated": "Note: the codings or the interviews have changed since this summary was reviewed.",
    "concept_partly": "This summary is partly reviewed: the highlighted sentences were drafted from the "
                      "codings and have not yet been reviewed.",
    "concept_stale": "This summary is partly reviewed: the sentences highlighted grey were drafted from the "
                     "codings and have not yet been reviewed; the codings or interviews under those highlighted "
                     "yellow changed after they were reviewed (what they say, a count for instance, may be out of date).",
    "contrasts_draft": "The highlighted sentences under ‘Differences between regions’ were drafted from the "
                       "codings and have not yet been reviewed.",
    "stale_only": "Note: the codings or interviews under the sentences highlighted yellow changed after "
                  "they were reviewed; what they say, a count for instance, may be out of date.",
    "nl_reviewed_only": "The reviewed Dutch text of this theme has no English version yet: the highlighted "
                        "sentences are the English draft, not the reviewed text.",
    "subtitle_en": "Sterk Techniekonderwijs (Strong Technical Education): steering-group interviews",
    "unit_sg": "region", "unit_pl": "regions", "no_quotes": "No passages were coded with this theme.",
    "respondent": "steering-group member", "a": "a", "region": "region", "someone_in": "interviewee", "a_someone": "an", "interviewee": "interviewee",
    "sub_roles": ": interviews with a {roles} at the table", "sub_part": ": part of the interviews",
    "sub_internal": " (internal draft: the quotes name their region, not for publication)", "turn": "turn", "chars": "characters",
    "appendix_intro_all": "This appendix lists every passage of the interviews that the researchers assigned "
                          "to a theme and that is not quoted in the text, by theme and sub-code. A passage both "
                          "researchers assigned appears once.",
    "appendix_intro_starred": "This appendix lists the quotes the researchers selected that the text does not "
                              "use, by theme and sub-code.",
    "appendix_intro_all_one": "This appendix lists every passage of the interviews that the researcher assigned "
                              "to a theme and that is not quoted in the text, by theme and sub-code.",
    "appendix_intro_starred_one": "This appendix lists the quotes the researcher selected that the text does "
                                  "not use, by theme and sub-code.",
    "appendix_asked": "Asked ‘{q}’: ", "appendix_after": "After the interviewer's remark ‘{q}’: ",
    "appendix_questions": "Where a quote cannot be understood without the interviewer's question or remark (an "
                          "answer such as ‘Ja, maar …’, yes, but …), that question or remark comes first.",
    "appendix_roles_only": "To keep the interviewees unrecognisable, each quote gives only the speaker's role, "
                           "not the region.",
    "appendix_internal": "This version names the region of each quote and is for internal use only.",
    "m_rare_roles": " A quote names its speaker's role, except where that role speaks in fewer than three of "
                    "the interviews and would point to one person: there it says ‘an interviewee’.",
    "appendix_rare_role": "A role that speaks in fewer than three of the interviews, and a role beside a quote "
                          "that itself names a type of region with fewer than three interviews, would point to "
                          "one person: such quotes give ‘interviewee’.",
    "appendix_cols": ("Theme", "Topic", "Region", "Role", "Quote", "Reference"),
    "decimal": ".", "between": "between {a} and {b}", "and": "and",
    "m_intro": "This chapter is based on {n} {interviews}{length} with members of the steering groups{leaders} "
               "in {regions}{held}. {sample}",
    "m_held": ", held {period}", "m_length": " of {length}", "m_roles": "Those present included {roles}. ",
    "m_roles_all": "Those present were {roles}. ",
    "m_coded": "The transcripts were coded with a codebook of {themes}{subs}. "
               "The unit of counting is the interview (region), not the number of coded passages. ",
    "m_theme_sg": "one theme", "m_theme_pl": "{n} themes",
    "m_chosen": "The transcripts were coded with a codebook of {themes}{subs}; this chapter "
                "discusses {n} of them. The unit of counting is the interview (region), not the number of coded "
                "passages. ",
    "m_one": "One researcher coded {docs}", "m_docs_all": "every interview", "m_docs_one": "the interview",
    "m_docs_all_n": "all {n} interviews", "m_docs_both": "both interviews",
    "m_docs_some": "{n} of the {total} interviews", "m_over_all": "; shares are of all {total} interviews",
    "m_over_both": "; shares are of both interviews",
    "m_indep": " independently",
    "m_saw_one": "The {nth} researcher saw the {other}'s coding before finishing and then coded or changed {n}, so "
                 "the agreement may be higher than with independent coding. ",
    "m_saw_both": "Both researchers saw each other's coding before finishing, so the agreement may be higher than "
                  "with independent coding. ",
    "m_second_check": "; a second coded {nd} of them independently{check}",
    "m_second_all": "; a second coded them all too, independently{check}",
    "m_second_both_all": "; a second coded both too, independently{check}",
    "m_second_one": "; a second coded it too, independently{check}",
    "m_second_project": "; across the whole study, a second coded {nd} interviews independently{check}",
    "m_second_docs": "; a second coded {docs}", "m_second_both": ", {nd} of them the same",
    "m_check": ", as a check",
    "m_count_first": "The counts are those of the {nth} researcher{over}. ",
    "m_count_rest_both": "That holds for the {nd} interviews both coded; ",
    "m_count_rest_both_one": "That holds for the interview both coded; ",
    "m_count_rest": "in the other {n}, which only the {nth} coded, the counts are that researcher's. ",
    "m_count_rest_one": "in the other interview, which only the {nth} coded, the counts are that researcher's. ",
    "m_count_third": "The counts are those of a third researcher, who coded {docs}{over}. ",
    "m_count_one": "The counts are those of one researcher. ",
    "m_count_agreed": "The counts are those of the coding both agreed on after discussing their differences{over}. ",
    "m_count_agreeing": "The counts are those of the joint coding both are drawing up by discussing their "
                        "differences{over}. ",
    "m_count_agreeing_two": "The counts are those of the joint coding the first two are drawing up by discussing "
                            "their differences{over}. ",
    "m_count_agreed_two": "The counts are those of the coding the first two agreed on after discussing their "
                          "differences{over}. ",
    "m_agreed_before": "That agreement was measured before the discussion. ",
    "m_agreed_places": "They differed in {total} places (a passage one of them gave a code and the other did not); "
                       "each of them was discussed and decided. ",
    "m_agreed_places_moved": "They then differed in {then} places (a passage one of them gave a code and the other "
                             "did not); after later changes to their codings there are {total}, and each of "
                             "them was decided after discussion. ",
    "m_agreed_places_open": "They differed in {total} places (a passage one of them gave a code and the other did "
                            "not); {done} of them {verb} discussed and decided. In {rest}, the counts still follow "
                            "{start}. ",
    "m_agreed_places_open_moved": "They then differed in {then} places (a passage one of them gave a code and the "
                                  "other did not); after later changes to their codings there are {total}. "
                                  "{done} of them {verb} discussed and decided. In {rest}, the counts still "
                                  "follow {start}. ",
    "m_rest_one": "the other place", "m_rest": "the other {open}",
    "m_places_of": " places (", "m_places_all": " places in all {nd} double-coded interviews (",
    "m_start_both": "the coding as it began: what both coded with the same code, with the first researcher's "
                    "boundaries, so the counts are still a lower bound",
    "m_start_one": "the {nth} researcher's coding",
    "m_count_both": "The counts are those of the passages both coded with the same code{over}. Until their "
                    "differences are discussed, they are therefore a lower bound. ",
    "m_count_both_two": "The counts are those of the passages the first two coded with the same code{over}. Until "
                        "their differences are discussed, they are therefore a lower bound. ",
    "m_count_union": "The counts merge the codings of both: a theme counts in a region when at least one of them "
                     "coded it there. ",
    "m_count_union_n": "The counts merge the codings of all {n} researchers: a theme counts in a region when at "
                       "least one of them coded it there. ",
    "m_more_one": "One more researcher coded {n} of them. ",
    "m_more_single": "One more researcher coded a single passage. ",
    "m_more_few_n": "{n} more researchers coded only a few passages ({k} in all). ",
    "m_also_few": "Besides, {n} more researchers coded only a few passages ({k} in all). ",
    "m_also_few_one": "Besides, one more researcher coded only a few passages ({k} in all). ",
    "m_more_few": "One more researcher coded only a few passages in {n} of them ({k} in all). ",
    "m_more": "{n} more researchers coded part of the interviews. ",
    "m_agreement": "Agreement between {between} at sentence level (Krippendorff's alpha, across codes, "
                   "measured on the {nd} interviews {coded}) is {alpha}: {reading}. ",
    "m_agreement_project": "Agreement between {between} at sentence level (Krippendorff's alpha, across "
                           "codes, measured on the {nd} interviews {coded}) is {alpha}: {reading}. ",
    "m_subs_all": " and their sub-codes", "m_subs_some": ", {k} of them with sub-codes",
    "m_coded_twice": "coded twice", "m_coded_both": "both of them coded",
    "m_coded_twice_project": "coded twice in the whole study",
    "m_coded_both_project": "both of them coded in the whole study",
    "m_both": "them", "m_first_two": "the first two",
    "m_alpha_good": "reliable by the usual standard ({good} or higher)",
    "m_alpha_fair": "by the usual standard enough for tentative conclusions (reliable from {good})",
    "m_alpha_poor": "by the usual standard too low for conclusions (tentative conclusions need at least {fair})",
    "m_where_chosen": "Only the {n} interviews (of {total}) chosen for this chapter are included; all counts "
                      "refer to these interviews. ",
    "m_where_coder": "Only the {n} interviews (of {total}) coded by the researcher whose coding is counted here "
                     "are included; all counts refer to these interviews. ",
    "m_where_agreed": "Only the {n} interviews (of {total}) both researchers coded are included; all counts "
                      "refer to these interviews. ",
    "m_where": "Only the {n} interviews (of {total}) {cond} are included; all counts refer to these "
               "interviews. ",
    "m_where_role": "Only the {n} interviews (of {total}) with {roles} at the table are included; all counts "
                    "refer to these interviews. ",
    "a_role": "a {role}", "or": "or",
    "m_where_group": "Only the {n} interviews in {group} (of {total}) are included; all counts in the text "
                     "refer to these interviews. ",
    "m_tables_beside": "The tables set these counts beside those of all regions. ",
    "col_these": "regions in this chapter",
    "m_words": "Frequency is given in words, by share of the interviews: {ladder}{numbers}. ",
    "w_pct": "{x} per cent", "w_from": "{lo} or more", "w_range": "{lo} to {hi}", "w_below": "under {hi}",
    "w_upto": "up to {hi}", "w_over_half": "more than half", "w_at_most_three": "at most three",
    "w_two_thirds": "two thirds", "w_third": "one third", "w_one": "one (a single region)", "w_all": "all",
    "w_none": "none",
    "m_numbers": "; the exact number follows in parentheses where the word does not already say it",
    "m_not_yet": "Draft: the anonymisation is not finished. The text still holds names or numbers that point to "
                 "a person or region and that the pseudonym list does not replace; the warnings given when this "
                 "chapter was made name them.",
    "m_quotes": "Quotes are verbatim, in the original Dutch, and anonymised: {names} are replaced by a "
                "word in square brackets{tidy}. A ‘…’ marks where a quote starts or ends in the middle of "
                "a sentence, or where a filler it opened with is left out.",
    "m_placeholders": " In the quotes, {items}.", "m_placeholder": "{ph} stands for {what}",
    "m_placeholder_more": "{ph} for {what}",
    "m_placeholders_other": " The other words in square brackets are Dutch too, each naming the kind of thing "
                            "it replaced.",
    "m_placeholders_only": " The words in square brackets in the quotes are Dutch, each naming the kind of thing "
                           "it replaced.",
    "m_terms": " Dutch terms: {terms}.", "m_profiles": " {profiles} are technical vmbo profiles (vocational programmes).",
    "m_no_examples": " Where the Dutch version of this chapter retells an example or a remark from one or a few "
                     "interviews, this English version gives only the points and how widely they came up, not the "
                     "examples themselves, and the appendix leaves their passages out, so that the two versions "
                     "side by side tie no example to a speaker's role.",
    "m_no_examples_no_appendix": " Where the Dutch version of this chapter retells an example or a remark from "
                                 "one or a few interviews, this English version gives only the points and how "
                                 "widely they came up.",
    "m_tidy": ", and fillers such as ‘eh’ are left out",
    "m_names_of": "names of {kinds}", "m_names": "identifying names",
    "m_counts": ", as well as counts that could identify a region,",
    "m_leaders": " and programme leaders",
    "kinds": {"persons": "people", "schools": "schools", "companies": "companies",
              "organisations": "other organisations", "places": "places"},
    "m_quotes_unnamed": "Quotes are verbatim, in the original Dutch{tidy}. A ‘…’ marks where a quote starts "
                        "or ends in the middle of a sentence, or where a filler it opened with is left out. Names of "
                        "people, schools and places are not yet replaced: the project's pseudonym list is "
                        "empty.",
}
