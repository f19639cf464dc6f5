"""The method's labels said of one interview rather than several ("het ene interview … dat", not
"de één interviews … die"): a chapter on part of the interviews that is one, an agreement measured
on one."""
from __future__ import annotations


def one_interview(lab: dict[str, str]) -> dict[str, str]:
    """The method's labels for a chapter on part of the interviews that is one interview: "het
    ene interview (van de twee) dat beide onderzoekers codeerden; alle aantallen gaan over dit
    interview", not "de één interviews … die …"."""
    keys = ("m_where_part", "m_where_coder", "m_where_agreed", "m_where_chosen", "m_where_group", "m_where_role",
            "m_where")
    return {**lab, **{k: lab[k].replace("de {n} interviews", "het ene interview")
                      .replace("the {n} interviews", "the one interview")
                      .replace("deze interviews", "dit interview").replace("these interviews", "this interview")
                      .replace(") are included", ") is included").replace(" coded are included", " coded is included")
                      .replace(") die beide", ") dat beide").replace(") die zijn gecodeerd", ") dat is gecodeerd")
                      .replace(") die voor dit hoofdstuk zijn gekozen", ") dat voor dit hoofdstuk is gekozen")
                      for k in keys if k in lab}}


def agreement_on_one(sentence: str, coded: str) -> tuple[str, str]:
    """The agreement sentence (``m_agreement``) and its ``m_coded_*`` words when the agreement is
    measured on one interview: "gemeten op het ene interview dat … is gecodeerd", "measured on the
    one interview coded twice"."""
    sentence = sentence.replace("de {nd} interviews", "het ene interview").replace("the {nd} interviews",
                                                                                "the one interview")
    return sentence, coded.replace("die ", "dat ", 1).replace(" zijn gecodeerd", " is gecodeerd")
